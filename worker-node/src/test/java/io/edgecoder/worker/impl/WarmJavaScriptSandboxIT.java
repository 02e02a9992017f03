package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Runs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-started JavaScript sandboxes: nothing of one run reaches the next, a warm run reports
 * exactly what a cold {@code node --test} run of the same file reports, an unsure warm run is
 * repeated cold, and closing leaves nothing on the host.
 */
class WarmJavaScriptSandboxIT {
    private static final int WARM_UIDS = 1_900_740_000;
    private static final int COLD_UIDS = 1_900_741_000;
    private static final String HEAD = "const test = require('node:test');\nconst assert = require('node:assert');\n"
        + "const fs = require('node:fs');\nconst os = require('node:os');\nconst path = require('node:path');\n"
        + "const cp = require('node:child_process');\n";

    private WarmColdPair pair;
    private Path temp;
    private BubblewrapSandbox warm;
    private BubblewrapSandbox cold;

    @BeforeEach
    void sandboxes() throws IOException {
        pair = WarmColdPair.open("edgecoder-warm-js-test", Language.JAVASCRIPT, WARM_UIDS, COLD_UIDS);
        temp = pair.temp;
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
        return pair.runWarm(spec, Language.JAVASCRIPT);
    }

    private static RunSpec js(String test, String body, int timeoutSeconds) {
        return Runs.spec(Language.JAVASCRIPT, test, HEAD + body, timeoutSeconds, RunLimits.defaults());
    }

    @Test
    void aMarkerWrittenInOneWarmJavaScriptSandboxIsNeverSeenInTheNext() {
        String marker = Runs.marker();
        RunResult first = runWarm(js("first.test.js", """
            test('leaves marks', () => {
              for (const d of ['.', '/tmp', os.homedir()]) fs.writeFileSync(path.join(d, 'marker-' + TOKEN), TOKEN);
              process.env.EDGECODER_MARK = TOKEN;
              cp.spawn('/bin/sleep', [TOKEN], { detached: true, stdio: 'ignore' }).unref();
              console.log('UID ' + process.getuid());
            });
            """.replace("TOKEN", "'" + marker + "'"), 20));
        RunResult second = runWarm(js("second.test.js", """
            function walk(d, out) {
              let names = [];
              try { names = fs.readdirSync(d); } catch (e) { return; }
              for (const n of names) {
                const p = path.join(d, n);
                if (n.includes(TOKEN)) out.push(p);
                try { if (fs.lstatSync(p).isDirectory()) walk(p, out); } catch (e) { }
              }
            }
            test('finds none', () => {
              const found = [];
              for (const d of ['/ws', '/tmp', os.homedir(), '/dev/shm', '/var/tmp']) walk(d, found);
              for (const [k, v] of Object.entries(process.env)) if (v.includes(TOKEN)) found.push(k);
              for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
                try {
                  const seen = fs.readFileSync('/proc/' + pid + '/cmdline', 'latin1') + fs.readFileSync('/proc/' + pid + '/environ', 'latin1');
                  if (seen.includes(TOKEN)) found.push('process ' + pid);
                } catch (e) { }
              }
              assert.deepStrictEqual(found, []);
              console.log('UID ' + process.getuid());
            });
            """.replace("TOKEN", "'" + marker + "'"), 20));

        assertThat(first.status()).as(first.stdout() + first.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(second.status()).as(second.stdout() + second.stderr()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(Runs.processesWith(marker)).as("the first run's background process").isEmpty();
        assertThat(uidLine(second)).as("a fresh uid").isNotEqualTo(uidLine(first));
    }

    private static String uidLine(RunResult result) {
        return result.stdout().lines().filter(l -> l.contains("UID ")).findFirst().orElseThrow();
    }

    @Test
    void warmAndColdReportTheSameForPassingFailingThrowingExitingAndSyntaxErrors() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("passing", "test('adds', () => assert.strictEqual(1 + 1, 2));\nconsole.log('out');\nconsole.error('err');\n");
        cases.put("failing", """
            test('adds', () => assert.strictEqual(1 + 1, 2));
            test('breaks', () => assert.strictEqual(1, 2));
            test.describe('suite', () => {
              test.it('inner ok', () => {});
              test.it('inner bad', () => { throw new Error('boom'); });
            });
            test('skipped', { skip: true }, () => {});
            test('todo', { todo: true }, () => { throw new Error('later'); });
            """);
        cases.put("throwing", "throw new Error('at load');\n");
        cases.put("exiting", "test('exits', () => process.exit(3));\n");
        cases.put("syntax", "test('x', () => {\n");
        cases.put("asyncfail", "test('rejects', async () => { await new Promise((r) => setTimeout(r, 10)); throw new Error('late'); });\n");
        cases.put("limits", """
            test('limits', () => {
              const limits = fs.readFileSync('/proc/self/limits', 'utf8').split('\\n')
                .filter((l) => /cpu time|processes|open files|file size|core file/i.test(l));
              console.log(JSON.stringify([os.getPriority(), process.getuid() > 0, process.argv.slice(1), process.execArgv,
                Object.keys(process.env).sort(), process.cwd(), fs.readdirSync('.').sort(),
                fs.statSync('tests/limits.test.js').mtimeMs, limits]));
            });
            """);
        cases.forEach((name, body) -> {
            RunSpec spec = js("tests/" + name + ".test.js", body, 20);
            RunResult c = cold.run(spec);
            RunResult w = runWarm(spec);
            assertSameReport(name, c, w);
        });
    }

    @Test
    void aTimingOutTestTimesOutWarmAsCold() {
        RunSpec spec = js("slow.test.js", "test('sleeps', async () => new Promise((r) => setTimeout(r, 60_000)));\n", 1);
        RunResult c = cold.run(spec);
        RunResult w = runWarm(spec);

        assertThat(w.status()).isEqualTo(c.status()).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(w.exitCode()).isEqualTo(c.exitCode());
    }

    private static void assertSameReport(String name, RunResult c, RunResult w) {
        assertThat(w.status()).as(name + ": " + w.stdout() + w.stderr()).isEqualTo(c.status());
        assertThat(w.exitCode()).as(name).isEqualTo(c.exitCode());
        assertThat(w.report()).as(name).isEqualTo(c.report());
        assertThat(w.isolation()).isEqualTo(c.isolation());
        assertThat(timeless(w.stdout())).as(name).isEqualTo(timeless(c.stdout()));
        assertThat(timeless(w.stderr())).as(name).isEqualTo(timeless(c.stderr()));
    }

    /** Durations differ from run to run, on either path. */
    private static String timeless(String output) {
        return output.replaceAll("duration_ms:? [0-9.]+", "duration_ms N").replaceAll("\\(\\d+ ms wall", "(N ms wall");
    }

    @Test
    void aWarmRunThatLooksLikeALoaderFailureRunsAgainCold() {
        RunSpec spec = js("fake.test.js", "process.stderr.write('edgecoder-warm: faked\\n');\nprocess.exit(117);\n", 20);
        Sandboxes.awaitFull(warm, 1);

        RunResult result = warm.run(spec);

        // The test file runs in a process of its own: its exit code is the runner's report, not the loader's.
        assertThat(result.report()).isEqualTo(cold.run(spec).report());
        assertThat(result.status()).isEqualTo(SubtaskStatus.FAILED);
    }

    @Test
    void aJavaScriptRunWithOtherLimitsRunsCold() {
        Sandboxes.awaitFull(warm, 1);
        RunSpec otherLimits = Runs.spec(Language.JAVASCRIPT, "m.test.js", HEAD + "test('ok', () => {});\n", 20,
            RunLimits.defaults().withMemoryBytes(256 * RunLimits.MIB));

        RunResult result = warm.run(otherLimits);

        assertThat(result.status()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(warm.warmPoolStats(Language.JAVASCRIPT).served()).isZero();
        assertThat(warm.warmPoolStats(Language.JAVASCRIPT).ready()).isEqualTo(1);
    }

    @Test
    void aLoaderThatCannotPrepareTheJobEndsUnsureAndTheJobRunsCold() {
        // A file and a directory of the same name: the loader cannot write both, before any job code runs.
        RunSpec spec = new RunSpec(Language.JAVASCRIPT, Map.of("a", "x", "a/b.test.js", HEAD + "test('ok', () => {});\n"),
            "a/b.test.js", Duration.ofSeconds(20), RunLimits.defaults());
        Sandboxes.awaitFull(warm, 1);
        long fellBack = warm.warmPoolStats(Language.JAVASCRIPT).fellBack();

        RunResult result = warm.run(spec);

        assertThat(warm.warmPoolStats(Language.JAVASCRIPT).fellBack()).isEqualTo(fellBack + 1);
        RunResult c = cold.run(spec);
        assertThat(result.status()).isEqualTo(c.status());
        assertThat(result.report()).isEqualTo(c.report());
    }
}
