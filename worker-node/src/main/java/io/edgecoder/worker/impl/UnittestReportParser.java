package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestReport;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verbose output of Python's {@code unittest} ({@code -v}, written to stderr): the
 * {@code Ran N tests} line, the {@code OK}/{@code FAILED (...)} summary and the
 * {@code FAIL:}/{@code ERROR:} headers that name failing tests. A test with several failing
 * sub-tests counts once.
 */
final class UnittestReportParser {
    private static final Pattern RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in ");
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(OK|FAILED)(?: \\((.*)\\))?\\s*$");
    private static final Pattern HEADER = Pattern.compile("(?m)^(?:FAIL|ERROR|UNEXPECTED SUCCESS): (\\S+) \\(([^)]*)\\)");
    private static final Pattern VERBOSE = Pattern.compile("(?m)^(\\S+) \\(([^)]*)\\)(?: \\(.*\\))? \\.\\.\\. .*?(FAIL|ERROR|unexpected success)$");
    private static final Pattern COUNT = Pattern.compile("([a-z ]+)=(\\d+)");

    private UnittestReportParser() {
    }

    static TestReport parse(String output, String testPath) {
        Matcher ran = RAN.matcher(output);
        Set<String> failing = failingNames(output);
        if (!ran.find()) {
            // Nothing ran: the module could not be imported (syntax error, crash at import).
            return new TestReport(0, 0, 0, 0, List.of(failing.isEmpty() ? testPath : failing.iterator().next()));
        }
        int run = Integer.parseInt(ran.group(1));
        Counts counts = counts(output);
        int failed = Math.min(run, Math.max(failing.size(), counts.failedAtLeast(run)));
        int skipped = Math.min(run - failed, counts.skipped);
        return new TestReport(run, run - failed - skipped, failed, skipped, List.copyOf(failing));
    }

    private static Set<String> failingNames(String output) {
        Set<String> names = new LinkedHashSet<>();
        Matcher header = HEADER.matcher(output);
        while (header.find()) {
            names.add(qualified(header.group(1), header.group(2)));
        }
        if (names.isEmpty()) {
            // The failure details may have been cut from a truncated output; the verbose lines remain.
            Matcher verbose = VERBOSE.matcher(output);
            while (verbose.find()) {
                names.add(qualified(verbose.group(1), verbose.group(2)));
            }
        }
        return names;
    }

    /** Python 3.11 prints {@code test_x (mod.Class.test_x)}, older ones {@code test_x (mod.Class)}. */
    private static String qualified(String method, String owner) {
        return owner.endsWith("." + method) ? owner : owner + "." + method;
    }

    private static Counts counts(String output) {
        Matcher summary = SUMMARY.matcher(output);
        Counts counts = new Counts();
        String details = null;
        while (summary.find()) {
            details = summary.group(2);
        }
        if (details != null) {
            Matcher m = COUNT.matcher(details);
            while (m.find()) {
                counts.add(m.group(1).trim(), Integer.parseInt(m.group(2)));
            }
        }
        return counts;
    }

    private static final class Counts {
        private int failures;
        private int skipped;

        void add(String kind, int n) {
            switch (kind) {
                case "failures", "errors", "unexpected successes" -> failures += n;
                case "skipped" -> skipped += n;
                default -> {
                    // "expected failures" pass.
                }
            }
        }

        /** Sub-test failures can outnumber tests, so the count only bounds the failing tests from below. */
        int failedAtLeast(int run) {
            return failures > 0 ? Math.min(1, run) : 0;
        }
    }
}
