package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code node --test} in either of its reporters: TAP ({@code not ok 2 -
 * name}, {@code # tests 6}) or the default spec reporter ({@code ✖ name (1.2ms)},
 * {@code ℹ tests 6}). Failing tests are named with their suites ({@code suite > case}); a suite
 * that failed only because a child failed is not listed again. A failure's message is the
 * {@code error:} of its TAP diagnostics block (the spec reporter's messages are not read).
 */
final class NodeTestReportParser {
    private static final Pattern TAP_SUBTEST = Pattern.compile("^( *)# Subtest: (.*)$");
    private static final Pattern TAP_NOT_OK = Pattern.compile("^( *)not ok \\d+ - (.*?)(?: # (?:TODO|SKIP).*)?$");
    private static final Pattern SPEC_SUITE = Pattern.compile("^( *)\u25b6 (.*)$");
    private static final Pattern SPEC_FAIL = Pattern.compile("^( *)\u2716 (.*?)(?: \\([0-9.]+m?s\\))?(?: # .*)?$");
    private static final Pattern TAP_POINT = Pattern.compile("(?m)^(not )?ok \\d+ - .*?( # (?:SKIP|TODO).*)?$");
    private static final Pattern TAP_ERROR = Pattern.compile("^( *)error: (.*)$");
    private static final Pattern COUNT = Pattern.compile("(?m)^(?:# |\u2139 )(tests|pass|fail|cancelled|skipped|todo) (\\d+)\\s*$");

    private NodeTestReportParser() {
    }

    static boolean hasSummary(String output) {
        return counts(output).containsKey("tests");
    }

    static TestReport parse(String output, String testPath) {
        Map<String, Integer> counts = counts(output);
        List<String> failures = output.contains("TAP version") || output.contains("# Subtest:")
            ? failures(output, TAP_SUBTEST, TAP_NOT_OK) : failures(output, SPEC_SUITE, SPEC_FAIL);
        if (!counts.containsKey("tests")) {
            return fromTestPoints(output, failures, testPath);
        }
        int failed = counts.getOrDefault("fail", 0) + counts.getOrDefault("cancelled", 0);
        int skipped = counts.getOrDefault("skipped", 0) + counts.getOrDefault("todo", 0);
        return new TestReport(counts.get("tests"), counts.getOrDefault("pass", 0), failed, skipped, failures, 0,
            details(output, failures));
    }

    /** Each failing test with the message of the {@code not ok} line that names its leaf. */
    private static List<TestFailure> details(String output, List<String> failures) {
        Map<String, String> messages = tapMessages(output.split("\n"));
        List<TestFailure> details = new ArrayList<>();
        for (String name : failures) {
            int cut = name.lastIndexOf(" > ");
            details.add(new TestFailure(name, TestReport.clip(messages.get(cut < 0 ? name : name.substring(cut + 3)))));
        }
        return details;
    }

    /** Leaf name of every {@code not ok} line to the {@code error:} of the diagnostics block after it. */
    private static Map<String, String> tapMessages(String[] lines) {
        Map<String, String> messages = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher notOk = TAP_NOT_OK.matcher(lines[i]);
            if (notOk.matches()) {
                String message = errorOf(lines, i + 1, notOk.group(1).length());
                if (message != null) {
                    messages.putIfAbsent(notOk.group(2).strip(), message);
                }
            }
        }
        return messages;
    }

    /** The {@code error:} value in the block that starts at {@code from}, indented deeper than {@code indent}. */
    private static String errorOf(String[] lines, int from, int indent) {
        for (int i = from; i < lines.length && indentOf(lines[i]) > indent; i++) {
            Matcher error = TAP_ERROR.matcher(lines[i]);
            if (error.matches()) {
                String value = error.group(2).strip();
                return value.startsWith("|") || value.startsWith(">") ? blockScalar(lines, i + 1, error.group(1).length()) : unquote(value);
            }
        }
        return null;
    }

    private static String blockScalar(String[] lines, int from, int indent) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < lines.length && (lines[i].isBlank() || indentOf(lines[i]) > indent); i++) {
            if (!lines[i].isBlank()) {
                parts.add(lines[i].strip());
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.isBlank() ? Integer.MAX_VALUE : n;
    }

    /**
     * Without the summary (Node can exit before its reporter stream drains), the top-level TAP
     * test points still tell what ran.
     */
    private static TestReport fromTestPoints(String output, List<String> failures, String testPath) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        Matcher m = TAP_POINT.matcher(output);
        while (m.find()) {
            if (m.group(2) != null) {
                skipped++;
            } else if (m.group(1) != null) {
                failed++;
            } else {
                passed++;
            }
        }
        int run = passed + failed + skipped;
        List<String> names = run == 0 && failures.isEmpty() ? List.of(testPath) : failures;
        return new TestReport(run, passed, failed, skipped, names, 0, details(output, names));
    }

    private static Map<String, Integer> counts(String output) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = COUNT.matcher(output);
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return counts;
    }

    private static List<String> failures(String output, Pattern group, Pattern failure) {
        List<String> failures = new ArrayList<>();
        Map<Integer, String> open = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("\u2716 failing tests:")) {
                break;
            }
            Matcher g = group.matcher(line);
            if (g.matches()) {
                int indent = g.group(1).length();
                open.keySet().removeIf(i -> i > indent);
                open.put(indent, g.group(2).strip());
                continue;
            }
            Matcher f = failure.matcher(line);
            if (f.matches()) {
                addLeaf(failures, path(open, f.group(1).length()) + f.group(2).strip());
            }
        }
        return failures;
    }

    private static String path(Map<Integer, String> open, int indent) {
        StringBuilder prefix = new StringBuilder();
        open.keySet().stream().filter(i -> i < indent).sorted()
            .forEach(i -> prefix.append(open.get(i)).append(" > "));
        open.keySet().removeIf(i -> i > indent);
        return prefix.toString();
    }

    private static void addLeaf(List<String> failures, String name) {
        if (failures.stream().noneMatch(f -> f.startsWith(name + " > ")) && !failures.contains(name)) {
            failures.add(name);
        }
    }
}
