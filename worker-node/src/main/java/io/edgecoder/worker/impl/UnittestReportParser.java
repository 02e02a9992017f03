package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the verbose output of Python's {@code unittest} ({@code -v}, written to stderr): the
 * {@code Ran N tests} line, the {@code OK}/{@code FAILED (...)} summary and the
 * {@code FAIL:}/{@code ERROR:} headers that name failing tests, each followed by its traceback,
 * whose last line is the failure's message. A test with several failing sub-tests counts once
 * (its first message stands); a test that raised an error counts among the errors.
 */
final class UnittestReportParser {
    private static final Pattern RAN = Pattern.compile("(?m)^Ran (\\d+) tests? in ");
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(OK|FAILED)(?: \\((.*)\\))?\\s*$");
    private static final Pattern HEADER = Pattern.compile("(?m)^(FAIL|ERROR|UNEXPECTED SUCCESS): (\\S+) \\(([^)]*)\\)");
    private static final Pattern RULE = Pattern.compile("(?m)^(?:=|-){20,}\\s*$");
    private static final Pattern VERBOSE = Pattern.compile("(?m)^(\\S+) \\(([^)]*)\\)(?: \\(.*\\))? \\.\\.\\. .*?(FAIL|ERROR|unexpected success)$");
    private static final Pattern COUNT = Pattern.compile("([a-z ]+)=(\\d+)");

    private UnittestReportParser() {
    }

    static boolean hasSummary(String output) {
        return RAN.matcher(output).find();
    }

    static TestReport parse(String output, String testPath) {
        Matcher ran = RAN.matcher(output);
        Set<String> failing = failingNames(output);
        if (!ran.find()) {
            // Nothing ran: the module could not be imported (syntax error, crash at import); the error is the last line.
            String name = failing.isEmpty() ? testPath : failing.iterator().next();
            return new TestReport(0, 0, 0, 0, List.of(name), 0, List.of(new TestFailure(name, TestReport.clip(lastLine(output)))));
        }
        int run = Integer.parseInt(ran.group(1));
        Counts counts = counts(output);
        int failed = Math.min(run, Math.max(failing.size(), counts.failedAtLeast(run)));
        int skipped = Math.min(run - failed, counts.skipped);
        Map<String, Detail> details = details(output);
        int errors = (int) Math.min(failed, details.values().stream().filter(Detail::error).count());
        List<TestFailure> messages = new ArrayList<>();
        for (String name : failing) {
            Detail d = details.get(name);
            messages.add(new TestFailure(name, d == null ? null : d.message()));
        }
        return new TestReport(run, run - failed - skipped, failed, skipped, List.copyOf(failing), errors, messages);
    }

    /** A failing test's first header: whether it was an error, and the last line of its traceback. */
    private record Detail(boolean error, String message) {
    }

    private static Map<String, Detail> details(String output) {
        Map<String, Detail> details = new LinkedHashMap<>();
        Matcher header = HEADER.matcher(output);
        while (header.find()) {
            String name = qualified(header.group(2), header.group(3));
            boolean unexpected = header.group(1).equals("UNEXPECTED SUCCESS");
            String message = unexpected ? "unexpected success" : lastLine(traceback(output, header.end()));
            details.putIfAbsent(name, new Detail(header.group(1).equals("ERROR"), TestReport.clip(message)));
        }
        return details;
    }

    /** The text after a header's underline, up to the next rule line. */
    private static String traceback(String output, int from) {
        Matcher rule = RULE.matcher(output);
        if (!rule.find(from)) {
            return "";
        }
        int start = rule.end();
        int end = rule.find(start) ? rule.start() : output.length();
        Matcher ran = RAN.matcher(output);
        if (ran.find(start) && ran.start() < end) {
            end = ran.start();
        }
        return output.substring(start, end);
    }

    private static String lastLine(String block) {
        List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    private static Set<String> failingNames(String output) {
        Set<String> names = new LinkedHashSet<>();
        Matcher header = HEADER.matcher(output);
        while (header.find()) {
            names.add(qualified(header.group(2), header.group(3)));
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
