package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.HostState;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Runs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-started sandboxes: nothing of one run reaches the next, a warm run reports exactly what a
 * cold run of the same file reports, an unsure warm run is repeated cold, a pool that cannot be
 * filled disables itself, and closing leaves nothing on the host.
 */
class WarmSandboxIT {
    private static final int WARM_UIDS = 1_900_730_000;
    private static final int COLD_UIDS = 1_900_731_000;

    private WarmColdPair pair;
    private Path temp;
    private Optional<CgroupDriver> cgroups;
    private BubblewrapSandbox warm;
    private BubblewrapSandbox cold;

    @BeforeEach
    void sandboxes() throws IOException {
        pair = WarmColdPair.open("edgecoder-warm-test", Language.PYTHON, WARM_UIDS, COLD_UIDS);
        temp = pair.temp;
        cgroups = pair.cgroups;
        warm = pair.warm;
        cold = pair.cold;
    }

    @AfterEach
    void closeAndCheckNothingIsLeft() throws IOException {
        if (pair != null) {
            pair.close();
        }
    }

    private RunResult runWarm(RunSpec spec) {
        return pair.runWarm(spec, Language.PYTHON);
    }

    @Test
    void aMarkerWrittenInOneWarmSandboxIsNeverSeenInTheNext() {
        String marker = Runs.marker();
        RunResult first = runWarm(Runs.python("""
            for d in ('.', '/tmp', os.path.expanduser('~')):
                with open(os.path.join(d, 'marker-%s' % TOKEN), 'w') as f:
                    f.write(TOKEN)
            os.environ['EDGECODER_MARK'] = TOKEN
            os.putenv('EDGECODER_MARK', TOKEN)
            subprocess.Popen(['/bin/sleep', TOKEN], start_new_session=True)
            print('UID', os.getuid())
            """.replace("TOKEN", "'" + marker + "'"), 20));
        RunResult second = runWarm(Runs.python("""
            found = []
            for d in ('/ws', '/tmp', os.path.expanduser('~'), '/dev/shm', '/var/tmp'):
                for root, dirs, files in os.walk(d):
                    found += [os.path.join(root, n) for n in files + dirs if TOKEN in n]
            found += [k for k, v in os.environ.items() if TOKEN in v]
            for pid in [p for p in os.listdir('/proc') if p.isdigit()]:
                try:
                    if TOKEN.encode() in open('/proc/%s/cmdline' % pid, 'rb').read() + open('/proc/%s/environ' % pid, 'rb').read():
                        found.append('process ' + pid)
                except OSError:
                    pass
            self.assertEqual(found, [])
            print('UID', os.getuid())
            """.replace("TOKEN", "'" + marker + "'"), 20));

        assertThat(first.status()).as(first.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(second.status()).as(second.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(Runs.processesWith(marker)).as("the first run's background process").isEmpty();
        // Namespace inode numbers are recycled once a namespace is gone, so they prove nothing here; the uid does.
        assertThat(uidLine(second)).as("a fresh uid").isNotEqualTo(uidLine(first));
    }

    private static String uidLine(RunResult result) {
        return result.stdout().lines().filter(l -> l.startsWith("UID ")).findFirst().orElseThrow();
    }

    @Test
    void warmAndColdReportTheSameForPassingFailingErroringCrashingAndSyntaxErrorsWithTheSameLimits() {
        Map<String, String> cases = Map.of(
            "passing", Runs.pythonTest("self.assertEqual(2 + 2, 4)\nprint('out')"),
            "failing", """
                import unittest
                class Maths(unittest.TestCase):
                    def test_ok(self):
                        self.assertTrue(True)
                    def test_wrong_sum(self):
                        self.assertEqual(1 + 1, 3)
                """,
            "erroring", Runs.pythonTest("raise KeyError('missing')"),
            "crashing", Runs.pythonTest("import ctypes\nctypes.string_at(0)"),
            "exiting", Runs.pythonTest("os._exit(3)"),
            "syntax", "def broken(:\n",
            "limits", Runs.pythonTest("import resource\nprint(os.getpriority(os.PRIO_PROCESS, 0), os.getuid() > 0, sys.stdin.read() == '',"
                + " [resource.getrlimit(getattr(resource, 'RLIMIT_' + r)) for r in ('CPU', 'NICE', 'NOFILE', 'FSIZE', 'CORE', 'NPROC')],"
                + " sys.argv, sys.path[0], sorted(os.environ), os.getcwd(), sorted(os.listdir('.')), os.stat('tests/test_limits.py').st_mtime)"));
        cases.forEach((name, module) -> {
            RunSpec spec = Runs.spec(Language.PYTHON, "tests/test_" + name + ".py", module, 20, RunLimits.defaults());
            RunResult c = cold.run(spec);
            RunResult w = runWarm(spec);
            assertSameReport(name, c, w);
        });
    }

    @Test
    void aTimingOutTestTimesOutWarmAsCold() {
        RunSpec spec = Runs.python("time.sleep(60)", 1);
        RunResult c = cold.run(spec);
        RunResult w = runWarm(spec);

        // How far a killed run got (which lines it printed) depends on timing, not on the path.
        assertThat(w.status()).isEqualTo(c.status()).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(w.exitCode()).isEqualTo(c.exitCode());
        assertThat(List.of(w.report().run(), w.report().passed(), w.report().failures()))
            .isEqualTo(List.of(c.report().run(), c.report().passed(), c.report().failures()));
    }

    private static void assertSameReport(String name, RunResult c, RunResult w) {
        assertThat(w.status()).as(name + ": " + w.stderr()).isEqualTo(c.status());
        assertThat(w.exitCode()).as(name).isEqualTo(c.exitCode());
        assertThat(w.report()).as(name).isEqualTo(c.report());
        assertThat(w.isolation()).isEqualTo(c.isolation());
        assertThat(timeless(w.stdout())).as(name).isEqualTo(timeless(c.stdout()));
        assertThat(timeless(w.stderr())).as(name).isEqualTo(timeless(c.stderr()));
    }

    private static String timeless(String output) {
        return output.replaceAll("Ran (\\d+) tests? in [0-9.]+s", "Ran $1 tests in Xs").replaceAll("\\(\\d+ ms wall", "(N ms wall");
    }

    @Test
    void aWarmRunThatLooksLikeALoaderFailureRunsAgainCold() {
        // At import, before unittest prints anything: what the loader itself writes when it fails.
        RunSpec spec = Runs.spec(Language.PYTHON, "test_fake.py", "import os\nos.write(2, b'edgecoder-warm: faked\\n')\nos._exit(117)\n", 20,
            RunLimits.defaults());
        Sandboxes.awaitFull(warm, 1);

        RunResult result = warm.run(spec);

        assertThat(warm.warmPoolStats().fellBack()).isEqualTo(1);
        assertThat(result.status()).isEqualTo(SubtaskStatus.FAILED);
        assertThat(result.exitCode()).isEqualTo(117);
        assertThat(result.report()).isEqualTo(cold.run(spec).report());
    }

    @Test
    void aPythonRunWithOtherLimitsRunsCold() {
        Sandboxes.awaitFull(warm, 1);
        RunSpec otherLimits = Runs.spec(Language.PYTHON, "test_m.py", Runs.pythonTest("pass"), 20,
            RunLimits.defaults().withMemoryBytes(256 * RunLimits.MIB));

        RunResult result = warm.run(otherLimits);

        assertThat(result.status()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(warm.warmPoolStats(Language.PYTHON).served()).isZero();
        assertThat(warm.warmPoolStats(Language.PYTHON).ready()).isEqualTo(1);
    }

    @Test
    void aPoolWhoseRuntimeNeverGetsReadyDisablesItselfAndLeavesNothing() throws Exception {
        UidPool uids = new UidPool(WARM_UIDS + 500, 3);
        Supervisor supervisor = new Supervisor();
        Path meters = temp.resolve("broken").resolve("meters");
        WarmPool pool = new WarmPool(uid -> {
            BwrapRun run = BwrapRun.open(uid, RunLimits.defaults(), cgroups, meters, "strong");
            // A real sandbox whose runtime exits at once, as a broken interpreter would.
            Launch launch = run.launch(Language.PYTHON, RunLimits.defaults(), 5, List.of("/usr/bin/python3", "-c", "raise SystemExit(3)"),
                Duration.ofSeconds(5), new byte[0], Path.of("/nonexistent-" + uid));
            return new WarmPool.Prestarted(run, supervisor.start(launch));
        }, uids, 2);
        try {
            io.edgecoder.core.testing.Await.until("the pool disabled", Duration.ofSeconds(60), pool::stats, s -> !s.enabled());
            for (int i = 0; i < 5 && pool.take().isEmpty(); i++) {
                pool.refill();
            }
            assertThat(pool.take()).isEmpty();
            assertThat(pool.heldUids()).isEmpty();
            assertThat(HostState.processesOfUids(WARM_UIDS + 500, 3)).isEmpty();
            assertThat(HostState.runCgroups(WARM_UIDS + 500, 3)).isEmpty();
            assertThat(List.of(uids.tryAcquire(), uids.tryAcquire(), uids.tryAcquire())).doesNotContainNull();
        } finally {
            pool.close();
        }
    }
}
