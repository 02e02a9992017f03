package io.edgecoder.worker.impl;

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
 * that failed only because a child failed is not listed again.
 */
final class NodeTestReportParser {
    private static final Pattern TAP_SUBTEST = Pattern.compile("^( *)# Subtest: (.*)$");
    private static final Pattern TAP_NOT_OK = Pattern.compile("^( *)not ok \\d+ - (.*?)(?: # (?:TODO|SKIP).*)?$");
    private static final Pattern SPEC_SUITE = Pattern.compile("^( *)\u25b6 (.*)$");
    private static final Pattern SPEC_FAIL = Pattern.compile("^( *)\u2716 (.*?)(?: \\([0-9.]+m?s\\))?(?: # .*)?$");
    private static final Pattern TAP_POINT = Pattern.compile("(?m)^(not )?ok \\d+ - .*?( # (?:SKIP|TODO).*)?$");
    private static final Pattern COUNT = Pattern.compile("(?m)^(?:# |\u2139 )(tests|pass|fail|cancelled|skipped|todo) (\\d+)\\s*$");

    private NodeTestReportParser() {
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
        return new TestReport(counts.get("tests"), counts.getOrDefault("pass", 0), failed, skipped, failures);
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
        return new TestReport(run, passed, failed, skipped, run == 0 && failures.isEmpty() ? List.of(testPath) : failures);
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
