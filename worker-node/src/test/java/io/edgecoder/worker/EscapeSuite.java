package io.edgecoder.worker;

import io.edgecoder.core.SubtaskStatus;
import static io.edgecoder.worker.Runs.processesWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escape and abuse attempts against a sandbox level. Each sandboxed test is written to pass
 * only if the attempt was stopped; each case then checks the host is unchanged (no process,
 * no cgroup, no run directory, no file written, the worker alive). Cases a level cannot stop
 * are declared as its gaps, and for those the suite asserts the escape happened, so the list
 * of gaps is stated by the test and fails the day it becomes wrong.
 */
public abstract class EscapeSuite {
    /** What the weaker levels are known not to stop. */
    public enum Gap {
        /** Writing into host directories any user may write to (such as /tmp). */
        WRITE_WORLD_WRITABLE_HOST_DIR,
        /** Reading host files any user may read. */
        READ_WORLD_READABLE_HOST_FILE,
        /** Filling the disk with many files each under the per-file size limit. */
        FILL_DISK_ACROSS_FILES
    }

    private final SandboxFixture fixture;
    private final Set<Gap> gaps;
    private String marker;
    private Path hostDir;

    /**
     * @param fixture the level's sandbox; its run base must be empty after every run
     * @param gaps what this level is known not to stop
     */
    protected EscapeSuite(SandboxFixture fixture, Set<Gap> gaps) {
        this.fixture = fixture;
        this.gaps = Set.copyOf(gaps);
    }

    private Sandbox sandbox() {
        return fixture.sandbox();
    }

    private Path runBase() {
        return fixture.runBase();
    }

    /** Whether this level stops the given attack. */
    private boolean stops(Gap gap) {
        return !gaps.contains(gap);
    }

    /** Stopped: the sandboxed test passed; a known gap: it failed, because the escape happened. */
    private void assertStoppedUnlessGap(Gap gap, RunResult result, String why) {
        if (stops(gap)) {
            assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        } else {
            assertThat(result.status()).as(why).isEqualTo(SubtaskStatus.FAILED);
        }
    }

    @BeforeEach
    void createHostFixtures() throws IOException {
        marker = Runs.marker();
        hostDir = Files.createDirectory(Path.of("/tmp", "edgecoder-escape-" + marker));
        Files.setPosixFilePermissions(hostDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(hostDir.resolve("readable.txt"), "host secret " + marker);
        Files.setPosixFilePermissions(hostDir.resolve("readable.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void hostIsUnchanged() throws IOException {
        try {
            fixture.assertNothingLeft(marker);
        } finally {
            try (var files = Files.walk(hostDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private RunResult run(String body, int timeoutSeconds) {
        return run(body, timeoutSeconds, RunLimits.defaults());
    }

    private RunResult run(String body, int timeoutSeconds, RunLimits limits) {
        String test = "test_m" + marker + ".py";
        return sandbox().run(new RunSpec(Language.PYTHON, Map.of(test, Runs.pythonTest(body)), test,
            Duration.ofSeconds(timeoutSeconds), limits));
    }

    @Test
    void connectingToALoopbackServiceOfTheHostIsRefused() throws Exception {
        try (LoopbackListener server = LoopbackListener.open()) {
            RunResult result = run("with self.assertRaises(OSError):\n    socket.create_connection(('127.0.0.1', "
                + server.port() + "), timeout=3)", 20);

            assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
            assertThat(server.accepted()).isZero();
        }
    }

    @Test
    void connectingToAnOutsideAddressIsRefused() {
        RunResult result = run("with self.assertRaises(OSError):\n    socket.create_connection(('192.0.2.1', 80), timeout=3)", 20);

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.wallMs()).as("refused, not timed out").isLessThan(3_000L);
    }

    @Test
    void theNodeDataDirectoryAdminTokenKeysAndRootAreUnreadable() throws IOException {
        Path data = Files.createTempDirectory("edgecoder-data");
        Files.writeString(data.resolve("admin.token"), "token-" + marker);
        Files.writeString(data.resolve("node.key"), "key-" + marker);
        Files.setPosixFilePermissions(data.resolve("admin.token"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(data.resolve("node.key"), PosixFilePermissions.fromString("rw-------"));
        try {
            RunResult result = run("""
                for path in ['%1$s/admin.token', '%1$s/node.key']:
                    with self.assertRaises(OSError):
                        open(path).read()
                for path in ['%1$s', '/root']:
                    with self.assertRaises(OSError):
                        os.listdir(path)
                """.formatted(data), 20);

            assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        } finally {
            Files.delete(data.resolve("admin.token"));
            Files.delete(data.resolve("node.key"));
            Files.delete(data);
        }
    }

    @Test
    void theRootAndEtcTakeNoWrites() {
        RunResult result = run("""
            for path in ['/escaped-%1$s', '/etc/escaped-%1$s', '/etc/passwd']:
                with self.assertRaises(OSError):
                    open(path, 'a').write('x')
            """.formatted(marker), 20);

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(Path.of("/escaped-" + marker)).doesNotExist();
        assertThat(Path.of("/etc/escaped-" + marker)).doesNotExist();
    }

    @Test
    void theHostEtcIsNotVisible() {
        // The host's own files in /etc: present on every Debian-like host, never generated for a sandbox.
        RunResult result = run("""
            for path in ['/etc/os-release', '/etc/shadow', '/etc/hostname', '/etc/login.defs']:
                self.assertFalse(os.path.exists(path), path)
            users = [line.split(':')[0] for line in open('/etc/passwd')]
            self.assertEqual(users, ['root', 'sandbox', 'nobody'])
            """, 20);

        assertStoppedUnlessGap(Gap.READ_WORLD_READABLE_HOST_FILE, result, "this level shows the host's /etc");
    }

    @Test
    void writingOutsideTheWorkspace() {
        RunResult result = run("""
            with self.assertRaises(OSError):
                open('/usr/escaped-%1$s', 'w')
            with self.assertRaises(OSError):
                open('%2$s/escaped.txt', 'w').write('out')
            """.formatted(marker, hostDir), 20);

        assertThat(Files.exists(Path.of("/usr/escaped-" + marker))).isFalse();
        assertStoppedUnlessGap(Gap.WRITE_WORLD_WRITABLE_HOST_DIR, result, "this level cannot stop writes to world-writable host directories");
        if (stops(Gap.WRITE_WORLD_WRITABLE_HOST_DIR)) {
            assertThat(hostDir.resolve("escaped.txt")).doesNotExist();
        } else {
            assertThat(hostDir.resolve("escaped.txt")).exists();
        }
    }

    @Test
    void readingWorldReadableHostFiles() {
        RunResult result = run("with self.assertRaises(OSError):\n    open('" + hostDir + "/readable.txt').read()", 20);

        assertStoppedUnlessGap(Gap.READ_WORLD_READABLE_HOST_FILE, result, "this level cannot hide world-readable host files");
    }

    @Test
    void forkBombIsBoundedAndEndsInTimeout() {
        RunResult result = run("while True:\n    try:\n        os.fork()\n    except OSError:\n        pass", 3);

        assertThat(result.status()).isEqualTo(SubtaskStatus.TIMEOUT);
    }

    @Test
    void memoryBombEndsInMemoryLimit() {
        RunResult result = run("hog = []\nwhile True:\n    hog.append(bytearray(32 * 1024 * 1024))", 20,
            RunLimits.defaults().withMemoryBytes(256 * RunLimits.MIB));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.MEMORY_LIMIT);
    }

    @Test
    void fillingTheDiskStopsAtTheWorkspaceCap() {
        RunResult result = run("""
            written = 0
            try:
                for i in range(32):
                    with open('fill_%d' % i, 'wb') as f:
                        f.write(b'x' * (1 << 20))
                    written += 1 << 20
            except OSError:
                pass
            self.assertLessEqual(written, 8 << 20)
            """, 30, RunLimits.defaults().withWorkspaceBytes(8 * RunLimits.MIB));

        assertStoppedUnlessGap(Gap.FILL_DISK_ACROSS_FILES, result, "this level caps each file, not the total written");
    }

    @Test
    void endlessOutputEndsInOutputLimit() {
        RunResult result = run("while True:\n    print('z' * 4096)", 20);

        assertThat(result.status()).isEqualTo(SubtaskStatus.OUTPUT_LIMIT);
    }

    @Test
    void sleepingPastTheTimeoutEndsInTimeout() {
        RunResult result = run("time.sleep(60)", 2);

        assertThat(result.status()).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(result.wallMs()).isLessThan(10_000L);
    }

    @Test
    void aDoubleForkedChildDoesNotOutliveTheRun() {
        RunResult result = run("""
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execv('/bin/sleep', ['sleep', '%s'])
                os._exit(0)
            os.wait()
            """.formatted(marker), 20);

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
    }

    @Test
    void signalsCannotReachTheWorkerOrOtherHostProcesses() throws Exception {
        Process sentinel = new ProcessBuilder("/bin/sleep", "60").start();
        try {
            long worker = ProcessHandle.current().pid();
            RunResult result = run("""
                for pid in [%d, %d]:
                    with self.assertRaises(OSError):
                        os.kill(pid, 0)
                try:
                    os.kill(-1, signal.SIGKILL)
                except OSError:
                    pass
                """.formatted(worker, sentinel.pid()), 20);

            assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
            assertThat(sentinel.isAlive()).isTrue();
        } finally {
            sentinel.destroyForcibly().waitFor();
        }
    }

    @Test
    void aRunCannotReadAnotherConcurrentRunsWorkspace() throws Exception {
        String secretOwner = "test_s" + marker + ".py";
        CompletableFuture<RunResult> owner = CompletableFuture.supplyAsync(() -> sandbox().run(new RunSpec(Language.PYTHON,
            Map.of(secretOwner, Runs.pythonTest("open('secret.txt', 'w').write('secret-%s')\ntime.sleep(4)".formatted(marker))),
            secretOwner, Duration.ofSeconds(20), RunLimits.defaults())));
        awaitSecretWritten(owner);

        RunResult snoop = run("""
            import glob
            found = []
            for path in glob.glob('/proc/*/cwd/secret.txt') + glob.glob('/proc/*/root/ws/secret.txt') + glob.glob('%s/*/ws/secret.txt'):
                try:
                    found.append(open(path).read())
                except OSError:
                    pass
            self.assertEqual([f for f in found if 'secret-' in f], [])
            """.formatted(runBase()), 20);

        assertThat(snoop.status()).as(snoop.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(owner.get().status()).isEqualTo(SubtaskStatus.PASSED);
    }

    /** The owner's secret exists on the host side (seen as root through /proc/pid/cwd) before the snoop starts. */
    private void awaitSecretWritten(CompletableFuture<RunResult> owner) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end && !owner.isDone()) {
            for (long pid : processesWith("test_s" + marker)) {
                if (Files.exists(Path.of("/proc", Long.toString(pid), "cwd", "secret.txt"))) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the owner run never wrote its secret");
    }
}
