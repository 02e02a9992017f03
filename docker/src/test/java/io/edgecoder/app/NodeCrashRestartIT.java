package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Issue 13, item 5: a node killed with SIGKILL leaves its embedded PostgreSQL running; the next
 * {@code edgecoder up} on the same data directory stops that server, says so, and comes up
 * (instead of waiting 60 s for a server that cannot start). While the first node is alive, a
 * second one on its directory is refused, naming the process that holds it.
 */
@Tag("slow") // a node process killed and restarted
class NodeCrashRestartIT {
    private final List<Process> processes = new ArrayList<>();
    private Path dataDir;

    @BeforeEach
    void setUp() throws IOException {
        assertThat(EdgecoderCli.JAR).exists();
        dataDir = Files.createTempDirectory("edgecoder-crash");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        postmaster().ifPresent(ProcessHandle::destroyForcibly);
        EdgecoderCli.deleteTree(dataDir);
    }

    @Test
    void aNodeKilledWithSigkillIsRestartedOnTheSameDataDirectory() throws Exception {
        Process first = up("first.log");
        awaitLog(first, "first.log", "EdgeCoder node");
        ProcessHandle leftover = postmaster().orElseThrow();

        Process rival = up("rival.log");
        assertThat(rival.waitFor(120, TimeUnit.SECONDS)).as("a second node on a directory in use stops").isTrue();
        assertThat(read("rival.log")).contains("is in use by another node: process " + first.pid() + " (")
            .contains("runs PostgreSQL process " + leftover.pid());

        first.destroyForcibly();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(leftover.isAlive()).as("SIGKILL leaves the node's PostgreSQL running").isTrue();

        Process second = up("second.log");
        awaitLog(second, "second.log", "EdgeCoder node");

        assertThat(read("second.log")).contains("PostgreSQL process " + leftover.pid())
            .contains("was left running on " + dataDir.resolve("pg")).contains("stopped left-over PostgreSQL " + leftover.pid());
        assertThat(leftover.isAlive()).isFalse();
        assertThat(postmaster().map(ProcessHandle::pid)).isPresent().isNotEqualTo(Optional.of(leftover.pid()));
    }

    private Process up(String log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-jar", EdgecoderCli.JAR.toAbsolutePath().toString(), "up", "--roles", "ledger", "--data-dir", dataDir.toString(),
            "--cluster-port", String.valueOf(freePort()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve(log).toFile()).start();
        processes.add(p);
        return p;
    }

    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pid = dataDir.resolve("pg/postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip())).filter(ProcessHandle::isAlive);
    }

    private String read(String log) throws IOException {
        return Files.readString(dataDir.resolve(log));
    }

    private void awaitLog(Process p, String log, String marker) throws Exception {
        Await.until("the node logging '" + marker + "'", Duration.ofSeconds(120), () -> {
            String text = Files.exists(dataDir.resolve(log)) ? read(log) : "";
            if (!text.contains(marker) && !p.isAlive()) {
                throw new AssertionError("node exited with " + p.exitValue() + ":\n" + text);
            }
            return text;
        }, text -> text.contains(marker));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
