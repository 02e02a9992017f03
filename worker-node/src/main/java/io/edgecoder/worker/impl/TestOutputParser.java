package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestReport;
import io.edgecoder.worker.Language;

/**
 * Picks the report parser of a language; Python's runner writes to stderr, Node's to stdout,
 * a Java test to either (its own {@code PASS}/{@code FAIL} lines, else its exit code).
 */
public final class TestOutputParser {
    private TestOutputParser() {
    }

    /** @param exitCode the run's exit code, null if it never started (only the Java convention reads it) */
    public static TestReport parse(Language language, String stdout, String stderr, String testPath, Integer exitCode) {
        return switch (language) {
            case PYTHON -> UnittestReportParser.parse(stderr + "\n" + stdout, testPath);
            case JAVASCRIPT -> NodeTestReportParser.parse(stdout + "\n" + stderr, testPath);
            case JAVA -> JavaReportParser.parse(stdout + "\n" + stderr, exitCode, testPath);
        };
    }

    /**
     * Whether the output holds the runner's own summary, so that a report of no tests is the
     * runner's word and not output that went missing: Python's {@code Ran N tests} line, Node's
     * {@code tests N} count. A Java run's report rests on its exit code, so it is always whole.
     */
    public static boolean hasSummary(Language language, String stdout, String stderr) {
        return switch (language) {
            case PYTHON -> UnittestReportParser.hasSummary(stderr + "\n" + stdout);
            case JAVASCRIPT -> NodeTestReportParser.hasSummary(stdout + "\n" + stderr);
            case JAVA -> true;
        };
    }
}
