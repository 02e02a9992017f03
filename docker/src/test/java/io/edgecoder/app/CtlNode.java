package io.edgecoder.app;

import io.edgecoder.app.ctl.Ctl;
import io.edgecoder.core.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real node process ({@code java -jar target/edgecoder.jar up}, every role, embedded
 * PostgreSQL) for the operator CLI's tests and benchmark, and in-process {@code ctl} runs
 * against it with their output captured.
 */
final class CtlNode implements AutoCloseable {
    private final Path dataDir;
    private final Process process;
    final int httpPort;
    final int operatorPort;
    final String nodeId;

    /** Exit status, standard output and standard error of one {@code ctl} run. */
    record Run(int status, String out, String err) {
    }

    private CtlNode(Path dataDir, Process process, int httpPort, int operatorPort, String nodeId) {
        this.dataDir = dataDir;
        this.process = process;
        this.httpPort = httpPort;
        this.operatorPort = operatorPort;
        this.nodeId = nodeId;
    }

    static CtlNode start(String prefix, String... extra) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        int http = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-Dedgecoder.worker.slots=1", "-jar", EdgecoderCli.JAR.toAbsolutePath().toString(), "up", "--data-dir", dir.toString(),
            "--http-port", String.valueOf(http), "--cluster-port", String.valueOf(freePort()), "--bridge-port", "-1",
            "--operator-port", "0"));
        command.addAll(List.of(extra));
        Path log = dir.resolve("node.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String text = Await.until("the node coming up", Duration.ofSeconds(180), () -> {
                String t = Files.exists(log) ? Files.readString(log) : "";
                if (!t.contains("EdgeCoder node ") && !p.isAlive()) {
                    throw new AssertionError("node exited with " + p.exitValue() + ":\n" + t);
                }
                return t;
            }, t -> t.contains(" up: roles "));
            Matcher node = Pattern.compile("EdgeCoder node (n[0-9a-f]{16}) up").matcher(text);
            Matcher port = Pattern.compile("operator bridge listening on [^ ]+:(\\d+) ").matcher(text);
            if (!node.find() || !port.find()) {
                throw new AssertionError("node log lacks its id or operator port:\n" + text);
            }
            return new CtlNode(dir, p, http, Integer.parseInt(port.group(1)), node.group(1));
        } catch (Exception | AssertionError e) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            EdgecoderCli.deleteTree(dir);
            throw e;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    String token() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).strip();
    }

    /** {@code ctl ARGS} in this JVM with {@code --data-dir} of this node first and an empty environment. */
    Run ctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        return ctlRaw(all.toArray(String[]::new));
    }

    /** {@code ctl ARGS} in this JVM with an empty environment, nothing added. */
    static Run ctlRaw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Ctl.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        EdgecoderCli.deleteTree(dataDir);
    }
}
