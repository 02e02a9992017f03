package io.edgecoder.app.bench;

import io.edgecoder.app.ctl.Ctl;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Round trip of {@code edgecoder ctl} commands on loopback against a real node process (every
 * role, embedded PostgreSQL): in this JVM (the picocli command, connect, authenticate, the
 * command's requests, print to a discarded stream), and as cold processes
 * ({@code java -cp JAR io.edgecoder.app.Main ctl ... status}, JVM start included).
 * Usage: CtlBench [in-process runs] [cold processes] [jar] (defaults 500, 20, docker/target/edgecoder.jar;
 * 100 warm-up runs first).
 */
public final class CtlBench {
    private CtlBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int cold = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path jar = Path.of(args.length > 2 ? args[2] : "docker/target/edgecoder.jar").toAbsolutePath();
        Path dir = Files.createTempDirectory("edgecoder-ctl-bench");
        Process node = startNode(jar, dir);
        try {
            String data = dir.toString();
            System.out.println("ctl status (in-process, 10 requests): " + inProcess(n, "--data-dir", data, "status"));
            System.out.println("ctl nodes list (in-process, 1 request): " + inProcess(n, "--data-dir", data, "nodes", "list"));
            System.out.println("ctl status (cold process):            " + coldProcess(jar, cold, data));
        } finally {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String inProcess(int n, String... args) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        for (int i = 0; i < 100; i++) {
            check(Ctl.run(args, discard, System.err, Map.of()));
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            check(Ctl.run(args, discard, System.err, Map.of()));
            nanos[i] = System.nanoTime() - start;
        }
        return new Stats(nanos).summary();
    }

    private static String coldProcess(Path jar, int n, String dataDir) throws Exception {
        long[] nanos = new long[n];
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar.toString(),
            "io.edgecoder.app.Main", "ctl", "--data-dir", dataDir, "status");
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            check(p.waitFor());
            nanos[i] = System.nanoTime() - start;
        }
        return new Stats(nanos).summary();
    }

    private static void check(int status) {
        if (status != 0) {
            throw new IllegalStateException("ctl exited with " + status);
        }
    }

    private static Process startNode(Path jar, Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-jar", jar.toString(), "up", "--data-dir", dir.toString(), "--http-port", "0", "--cluster-port", String.valueOf(freePort()),
            "--bridge-port", "-1", "--operator-port", "0"));
        Path log = dir.resolve("node.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!(Files.exists(log) && Files.readString(log).contains(" up: roles "))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("node did not come up:\n" + (Files.exists(log) ? Files.readString(log) : ""));
            }
            Thread.sleep(200); // polling a log file for the start-up line: a benchmark's set-up, not a test
        }
        return p;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
