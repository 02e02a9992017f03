package io.edgecoder.worker.agent;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round of tests: every test file of the job run in the worker's sandbox against the current
 * files (in parallel, as the worker's slots allow), and the reports combined.
 */
final class TestRound {
    /**
     * The combined outcome: {@code passed} iff every file passed; {@code broken} names a run that says
     * nothing about the tests (the sandbox could not run it, or it was killed); {@code cpuMs} is the CPU time the
     * sandbox measured for all the runs together (user + system of each run's process tree).
     */
    record Outcome(boolean passed, TestReport report, Map<String, String> outputs, String broken, long cpuMs) {
    }

    private TestRound() {
    }

    static Future<Outcome> run(SandboxRunner runner, String jobId, String language, Map<String, String> files, List<String> tests,
                               int timeoutSeconds, RunLimits limits) {
        Language lang = Language.of(language)
            .orElseThrow(() -> MeshException.badRequest("language: unknown language '" + language + "'"));
        List<Future<RunResult>> runs = new ArrayList<>();
        for (String test : tests) {
            runs.add(runner.run(jobId, new RunSpec(lang, files, test, Duration.ofSeconds(timeoutSeconds), limits)));
        }
        return Future.all(runs).map(all -> combine(tests, all.list()));
    }

    private static Outcome combine(List<String> tests, List<RunResult> results) {
        int run = 0;
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int errors = 0;
        List<String> failures = new ArrayList<>();
        List<TestFailure> details = new ArrayList<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        String broken = null;
        boolean allPassed = true;
        long cpuMs = 0;
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            cpuMs += Math.max(0, r.cpuMs());
            TestReport t = r.report() != null ? r.report() : new TestReport(0, 0, 0, 0, List.of());
            run += t.run();
            passed += t.passed();
            failed += t.failed();
            skipped += t.skipped();
            errors += t.errors();
            failures.addAll(t.failures());
            details.addAll(t.details());
            if (r.status() != SubtaskStatus.PASSED) {
                allPassed = false;
                outputs.put(tests.get(i), r.stderr() + (r.status() == SubtaskStatus.FAILED ? "" : "\n[" + r.status().wire() + "]"));
                if (t.failures().isEmpty()) {
                    failures.add(tests.get(i));
                    details.add(new TestFailure(tests.get(i), r.status().wire()));
                }
            }
            if (r.status().saysNothing() && broken == null) {
                broken = tests.get(i) + ": " + r.status().wire() + " (" + firstLine(r.stderr()) + ")";
            }
        }
        TestReport report = new TestReport(run, passed, failed, skipped, failures, errors, details);
        return new Outcome(allPassed, report, outputs, broken, cpuMs);
    }

    private static String firstLine(String text) {
        String line = text == null || text.isBlank() ? "no reason given" : text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }
}
