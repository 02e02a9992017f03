package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.HostState;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunStatus;
import io.edgecoder.worker.Runs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts written in Java against the strong level (the Python suite covers the rest
 * of the list; these prove the JVM, its JDK configuration binds and its child processes are
 * contained the same way). Each test program prints PASS only if the attempt was stopped.
 */
class BubblewrapJavaEscapeIT {
    private static final int FIRST_UID = 1_900_500_000;
    private static BubblewrapSandbox sandbox;
    @TempDir
    static Path workDir;
    private String marker;
    private Path hostFile;

    @BeforeAll
    static void setUp() {
        Optional<CgroupDriver> cgroups = CgroupDriver.detect();
        assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).as("bubblewrap installed").isTrue();
        assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
        assumeThat(Language.JAVA.available()).as("a JDK under /usr").isTrue();
        sandbox = new BubblewrapSandbox(workDir, cgroups, FIRST_UID, 2);
    }

    @AfterAll
    static void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void hostFixture() throws IOException {
        marker = Runs.marker();
        hostFile = Files.createTempFile("edgecoder-java-escape", ".txt");
        Files.writeString(hostFile, "host secret " + marker);
        hostFile.toFile().setReadable(true, false);
    }

    @AfterEach
    void hostIsUnchanged() throws IOException {
        assertThat(Runs.processesWith(marker)).as("processes of the run").isEmpty();
        assertThat(HostState.processesOfUids(FIRST_UID, 2)).as("processes of sandbox uids").isEmpty();
        assertThat(HostState.runCgroups()).as("per-run cgroups").isEmpty();
        assertThat(Runs.leftovers(workDir.resolve("meters"))).as("run directories").isEmpty();
        Files.delete(hostFile);
    }

    private RunResult run(String body) {
        String name = "Escape" + marker + "Test";
        String source = "import java.io.*;\nimport java.net.*;\nimport java.nio.file.*;\n" + Runs.javaMain(name, body);
        return sandbox.run(Runs.java(Map.of(name + ".java", source), name + ".java", 30));
    }

    @Test
    void socketsToAnOutsideAddressAndToTheHostsLoopbackServicesAreRefused() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            CompletableFuture.runAsync(() -> acceptAll(server, accepted));

            RunResult result = run("""
                for (String target : new String[] {"192.0.2.1:80", "127.0.0.1:%d"}) {
                    String[] hp = target.split(":");
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 3000);
                        System.out.println("FAIL connect " + target + ": connected");
                    } catch (IOException e) {
                        System.out.println("PASS connect " + target + " refused (" + e.getMessage() + ")");
                    }
                }
                """.formatted(server.getLocalPort()));

            assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(RunStatus.PASSED);
            assertThat(result.report().passed()).isEqualTo(2);
            assertThat(result.stdout()).doesNotContain("connect timed out");
            assertThat(accepted).hasValue(0);
        }
    }

    @Test
    void rootAndHostFilesAreUnreadableFromTheJvm() {
        RunResult result = run("""
            System.out.println(new File("/root").list() == null ? "PASS list /root" : "FAIL list /root: listed");
            try {
                System.out.println("FAIL read host file: " + Files.readString(Path.of("%s")));
            } catch (IOException e) {
                System.out.println("PASS read host file");
            }
            """.formatted(hostFile));

        assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(RunStatus.PASSED);
        assertThat(result.report().passed()).isEqualTo(2);
        assertThat(result.stdout()).doesNotContain("host secret");
    }

    @Test
    void aShellStartedWithRuntimeExecRunsOnlyInsideTheSandbox() {
        RunResult result = run("""
            Process p = Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c",
                "cat /proc/sys/kernel/hostname; ls /root || echo root-refused; cat %s || echo host-refused;"
                + " sleep %s >/dev/null 2>&1 & echo started"});
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            System.out.println(out.contains("started") ? "PASS exec works" : "FAIL exec works: " + out);
            System.out.println(out.contains("edgecoder-sandbox") ? "PASS in the sandbox's uts namespace" : "FAIL uts: " + out);
            boolean hidden = out.contains("root-refused") && out.contains("host-refused") && !out.contains("host secret");
            System.out.println(hidden ? "PASS host files invisible" : "FAIL host files: " + out);
            """.formatted(hostFile, marker));

        assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(RunStatus.PASSED);
        assertThat(result.report().passed()).isEqualTo(3);
    }

    private static void acceptAll(ServerSocket server, AtomicInteger accepted) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }
}
