package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Java test's own report: lines {@code PASS name}, {@code FAIL name: message} and
 * {@code SKIP name} on stdout or stderr. Without such lines the run is one test, passed iff
 * the program exited 0. A program that exits non-zero after reporting no failure gets its test
 * file counted as one more failing test, so the report never contradicts the exit code. A
 * failed compilation ({@link JavaCommand#COMPILE_FAILED}) means no test ran.
 */
final class JavaReportParser {
    private static final Pattern LINE = Pattern.compile("(?m)^(PASS|FAIL|SKIP) (.+?)(?:: (.*?))?[ \\t]*$");

    private JavaReportParser() {
    }

    static TestReport parse(String output, Integer exitCode, String testPath) {
        if (output.contains(JavaCommand.COMPILE_FAILED)) {
            return new TestReport(0, 0, 0, 0, List.of(testPath), 0, List.of(new TestFailure(testPath, "compilation failed")));
        }
        boolean exitedZero = exitCode != null && exitCode == 0;
        int passed = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        List<TestFailure> details = new ArrayList<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            switch (m.group(1)) {
                case "PASS" -> passed++;
                case "SKIP" -> skipped++;
                default -> {
                    failures.add(m.group(2).strip());
                    details.add(new TestFailure(m.group(2).strip(), TestReport.clip(m.group(3))));
                }
            }
        }
        if (passed + skipped + failures.size() == 0) {
            return exitedZero ? new TestReport(1, 1, 0, 0, List.of()) : new TestReport(1, 0, 1, 0, List.of(testPath), 0,
                List.of(new TestFailure(testPath, "exit code " + exitCode)));
        }
        if (!exitedZero && failures.isEmpty()) {
            failures.add(testPath);
            details.add(new TestFailure(testPath, "exit code " + exitCode + " after only passing tests"));
        }
        return new TestReport(passed + skipped + failures.size(), passed, failures.size(), skipped, List.copyOf(failures), 0, details);
    }
}
