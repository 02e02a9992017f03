package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar target/edgecoder.jar ...} as a real process and collects its exit status and output. */
final class EdgecoderCli {
    static final Path JAR = Path.of("target/edgecoder.jar");

    /** Exit status and the combined stdout and stderr. */
    record Result(int status, String output) {
    }

    private EdgecoderCli() {
    }

    /** Deletes a test's temporary directory and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Result run(String... args) throws Exception {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("edgecoder " + String.join(" ", args) + " did not exit within 120 s");
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
