package io.edgecoder.worker;

import io.edgecoder.core.SubtaskStatus;
import static io.edgecoder.worker.Runs.leftovers;
import static io.edgecoder.worker.Runs.processesWith;
import static io.edgecoder.worker.Runs.python;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What every sandbox must do, written once and run against each implementation: honest
 * statuses, parsed reports, limits that hold and nothing left behind.
 */
public interface SandboxContract {
    Sandbox sandbox();

    Path workDir();

    @Test
    default void passingPythonTestIsPassedWithCounts() {
        RunResult result = sandbox().run(python("self.assertEqual(2 + 2, 4)", 20));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.report().run()).isEqualTo(1);
        assertThat(result.report().passed()).isEqualTo(1);
        assertThat(result.isolation()).isEqualTo(sandbox().isolation());
        assertThat(result.wallMs()).isPositive();
        assertThat(leftovers(workDir())).isEmpty();
    }

    @Test
    default void failingPythonTestIsFailedAndNamed() {
        String module = """
            import unittest
            class Maths(unittest.TestCase):
                def test_ok(self):
                    self.assertTrue(True)
                def test_wrong_sum(self):
                    self.assertEqual(1 + 1, 3)
            """;
        RunResult result = sandbox().run(Runs.spec(Language.PYTHON, "tests/test_maths.py", module, 20, RunLimits.defaults()));

        assertThat(result.status()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.report().run()).isEqualTo(2);
        assertThat(result.report().failed()).isEqualTo(1);
        assertThat(result.report().failures()).containsExactly("tests.test_maths.Maths.test_wrong_sum");
        assertThat(result.report().details()).extracting(io.edgecoder.core.message.TestFailure::message)
            .containsExactly("AssertionError: 2 != 3");
        assertThat(result.stderr()).contains("AssertionError: 2 != 3");
    }

    @Test
    default void pythonSyntaxErrorIsFailedNamingTheFile() {
        RunResult result = sandbox().run(Runs.spec(Language.PYTHON, "test_broken.py", "def broken(:\n", 20, RunLimits.defaults()));

        assertThat(result.status()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.report().run()).isZero();
        assertThat(result.report().failures()).isNotEmpty();
        assertThat(result.stderr()).contains("SyntaxError").contains("no test ran");
    }

    @Test
    default void theRunHasAUserNameAGroupAndAWritableHome() {
        RunResult result = sandbox().run(python("""
            import pwd, grp, getpass
            entry = pwd.getpwuid(os.getuid())
            self.assertTrue(entry.pw_name)
            self.assertTrue(grp.getgrgid(os.getgid()).gr_name)
            self.assertEqual(getpass.getuser(), entry.pw_name)
            home = os.path.expanduser('~')
            self.assertEqual(home, os.environ['HOME'])
            with open(os.path.join(home, '.probe'), 'w') as f:
                f.write('written')
            with open(os.path.join(home, '.probe')) as f:
                self.assertEqual(f.read(), 'written')
            """, 20));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(leftovers(workDir())).isEmpty();
    }

    @Test
    default void aTestReadsDataFilesBesideItAlsoInASubdirectory() {
        String test = """
            import os, unittest
            HERE = os.path.dirname(__file__)
            class Data(unittest.TestCase):
                def test_reads_beside(self):
                    with open(os.path.join(HERE, 'data.txt')) as f:
                        self.assertEqual(f.read(), 'forty-two\\n')
                def test_reads_a_directory_beside(self):
                    with open(os.path.join(HERE, 'fixtures', 'nested', 'table.csv')) as f:
                        self.assertEqual(f.read().splitlines(), ['a,b', '1,2'])
                    self.assertEqual(sorted(os.listdir(os.path.join(HERE, 'fixtures'))), ['nested', 'notes.md'])
            """;
        java.util.Map<String, String> files = java.util.Map.of("pkg/test_data.py", test, "pkg/data.txt", "forty-two\n",
            "pkg/fixtures/nested/table.csv", "a,b\n1,2\n", "pkg/fixtures/notes.md", "# notes\n");
        RunResult result = sandbox().run(new RunSpec(Language.PYTHON, files, "pkg/test_data.py", java.time.Duration.ofSeconds(20),
            RunLimits.defaults()));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.report().passed()).isEqualTo(2);
    }

    @Test
    default void sleepingPastTheTimeoutIsKilledWithItsChildren() {
        String token = Runs.marker();
        RunResult result = sandbox().run(python("subprocess.Popen(['/bin/sleep', '" + token + "'])\ntime.sleep(60)", 1));

        assertThat(result.status()).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(result.wallMs()).isBetween(900L, 10_000L);
        assertThat(processesWith(token)).isEmpty();
        assertThat(leftovers(workDir())).isEmpty();
    }

    @Test
    default void backgroundChildDoesNotOutliveAPassingRun() {
        String token = Runs.marker();
        RunResult result = sandbox().run(python("subprocess.Popen(['/bin/sleep', '" + token + "'], start_new_session=True)", 20));

        assertThat(result.status()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(processesWith(token)).isEmpty();
    }

    @Test
    default void largeOutputIsTruncatedAndMarkedButTheRunStillPasses() {
        RunResult result = sandbox().run(python("sys.stdout.write('x' * 1_000_000)\nsys.stdout.flush()", 20));

        assertThat(result.status()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.outputTruncated()).isTrue();
        assertThat(result.stdout()).contains("output truncated").hasSizeLessThan(70 * 1024);
        assertThat(result.report().passed()).isEqualTo(1);
    }

    @Test
    default void endlessOutputEndsInOutputLimit() {
        RunResult result = sandbox().run(python("while True:\n    sys.stdout.write('y' * 65536)", 20));

        assertThat(result.status()).isEqualTo(SubtaskStatus.OUTPUT_LIMIT);
        assertThat(result.outputTruncated()).isTrue();
        assertThat(result.wallMs()).isLessThan(15_000L);
    }

    @Test
    default void memoryBombEndsInMemoryLimit() {
        RunLimits limits = RunLimits.defaults().withMemoryBytes(256 * RunLimits.MIB);
        RunResult result = sandbox().run(Runs.spec(Language.PYTHON, "test_mem.py",
            Runs.pythonTest("blocks = []\nwhile True:\n    blocks.append(bytearray(16 * 1024 * 1024))"), 20, limits));

        assertThat(result.status()).as(result.stderr()).isEqualTo(SubtaskStatus.MEMORY_LIMIT);
    }

    @Test
    default void javascriptPassingTestIsPassedWithCounts() {
        String js = """
            const test = require('node:test');
            const assert = require('node:assert');
            test('adds', () => assert.strictEqual(1 + 1, 2));
            test('concatenates', () => assert.strictEqual('a' + 'b', 'ab'));
            """;
        RunResult result = sandbox().run(Runs.spec(Language.JAVASCRIPT, "sum.test.js", js, 20, RunLimits.defaults()));

        assertThat(result.status()).as(result.stdout() + result.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.report().run()).isEqualTo(2);
        assertThat(result.report().passed()).isEqualTo(2);
    }

    @Test
    default void javascriptFailingTestIsFailedAndNamed() {
        String js = """
            const test = require('node:test');
            const assert = require('node:assert');
            test('adds', () => assert.strictEqual(1 + 1, 2));
            test('breaks', () => assert.strictEqual(1, 2));
            """;
        RunResult result = sandbox().run(Runs.spec(Language.JAVASCRIPT, "sum.test.js", js, 20, RunLimits.defaults()));

        assertThat(result.status()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.report().failed()).isEqualTo(1);
        assertThat(result.report().failures()).containsExactly("breaks");
        assertThat(result.stdout()).contains("not ok 2 - breaks");
    }

    @Test
    default void cpuTimeIsMeasured() {
        RunResult result = sandbox().run(python("end = time.process_time() + 0.3\nwhile time.process_time() < end:\n    pass", 20));

        assertThat(result.status()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(result.cpuMs()).isBetween(250L, 5_000L);
        assertThat(result.peakMemoryBytes()).isNotNull().isPositive();
    }
}
