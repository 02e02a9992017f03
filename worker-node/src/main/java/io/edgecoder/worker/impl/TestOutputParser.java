package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestReport;
import io.edgecoder.worker.Language;

/** Picks the report parser of a language; Python's runner writes to stderr, Node's to stdout. */
public final class TestOutputParser {
    private TestOutputParser() {
    }

    public static TestReport parse(Language language, String stdout, String stderr, String testPath) {
        return switch (language) {
            case PYTHON -> UnittestReportParser.parse(stderr + "\n" + stdout, testPath);
            case JAVASCRIPT -> NodeTestReportParser.parse(stdout + "\n" + stderr, testPath);
        };
    }
}
