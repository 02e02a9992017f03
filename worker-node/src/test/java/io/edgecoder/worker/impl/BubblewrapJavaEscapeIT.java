package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.Language;
import io.edgecoder.worker.LoopbackListener;
import io.edgecoder.worker.RunResult;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.Runs;
import io.edgecoder.worker.SandboxFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Escape attempts written in Java against the strong level (the Python suite covers the rest
 * of the list; these prove the JVM, its JDK configuration binds and its child processes are
 * contained the same way). Each test program prints PASS only if the attempt was stopped.
 */
class BubblewrapJavaEscapeIT {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.bubblewrap(1_900_500_000, 2)
        .requiring(Language.JAVA::available, "a JDK under /usr");
    private String marker;
    private Path hostFile;

    @BeforeEach
    void hostFixture() throws IOException {
        marker = Runs.marker();
        hostFile = Files.createTempFile("edgecoder-java-escape", ".txt");
        Files.writeString(hostFile, "host secret " + marker);
        hostFile.toFile().setReadable(true, false);
    }

    @AfterEach
    void hostIsUnchanged() throws IOException {
        try {
            FIXTURE.assertNothingLeft(marker);
        } finally {
            Files.delete(hostFile);
        }
    }

    private RunResult run(String body) {
        String name = "Escape" + marker + "Test";
        String source = "import java.io.*;\nimport java.net.*;\nimport java.nio.file.*;\n" + Runs.javaMain(name, body);
        return FIXTURE.sandbox().run(Runs.java(Map.of(name + ".java", source), name + ".java", 30));
    }

    @Test
    void socketsToAnOutsideAddressAndToTheHostsLoopbackServicesAreRefused() throws Exception {
        try (LoopbackListener server = LoopbackListener.open()) {
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
                """.formatted(server.port()));

            assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(SubtaskStatus.PASSED);
            assertThat(result.report().passed()).isEqualTo(2);
            assertThat(result.stdout()).doesNotContain("connect timed out");
            assertThat(server.accepted()).isZero();
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

        assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(SubtaskStatus.PASSED);
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

        assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.report().passed()).isEqualTo(3);
    }
}
