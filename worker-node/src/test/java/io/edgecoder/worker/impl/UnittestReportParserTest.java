package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import org.junit.jupiter.api.Test;

class UnittestReportParserTest {

    @Test
    void countsPassedFailedErroredAndSkippedTests() {
        TestReport report = UnittestReportParser.parse(ReportFixtures.read("unittest-mixed.txt"), "test_a.py");

        assertThat(report.run()).isEqualTo(5);
        assertThat(report.failed()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failures()).containsExactly("test_a.T.test_err", "test_a.T.test_bad", "test_a.U.test_sub");
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.details()).containsExactly(
            new TestFailure("test_a.T.test_err", "ValueError: boom"),
            new TestFailure("test_a.T.test_bad", "AssertionError: 1 != 2"),
            new TestFailure("test_a.U.test_sub", "AssertionError: 1 != 0"));
    }

    @Test
    void allPassingRunHasNoFailures() {
        String output = """
            test_one (test_x.A.test_one) ... ok
            test_two (test_x.A.test_two) ... skipped 'later'

            ----------------------------------------------------------------------
            Ran 2 tests in 0.001s

            OK (skipped=1)
            """;
        assertThat(UnittestReportParser.parse(output, "test_x.py")).isEqualTo(new TestReport(2, 1, 0, 1, java.util.List.of()));
    }

    @Test
    void moduleThatCannotBeImportedReportsNoRunAndNamesTheFile() {
        TestReport report = UnittestReportParser.parse(ReportFixtures.read("unittest-syntax-error.txt"), "test_syn.py");

        assertThat(report.run()).isZero();
        assertThat(report.failures()).containsExactly("test_syn.py");
        assertThat(report.details()).containsExactly(new TestFailure("test_syn.py", "SyntaxError: '(' was never closed"));
    }

    @Test
    void olderPythonHeadersWithoutTheMethodInTheParenthesesAreQualified() {
        String output = """
            ======================================================================
            FAIL: test_bad (test_y.Case)
            ----------------------------------------------------------------------
            Ran 1 test in 0.000s

            FAILED (failures=1)
            """;
        TestReport report = UnittestReportParser.parse(output, "test_y.py");
        assertThat(report.failures()).containsExactly("test_y.Case.test_bad");
        assertThat(report.details()).containsExactly(new TestFailure("test_y.Case.test_bad", null));
    }

    @Test
    void failingTestsAreFoundFromVerboseLinesWhenTheDetailsWereTruncated() {
        String output = """
            test_a (t.C.test_a) ... FAIL
            test_b (t.C.test_b) ... ok
            [edgecoder: output truncated, 100 bytes omitted]
            Ran 2 tests in 0.1s

            FAILED (failures=1)
            """;
        TestReport report = UnittestReportParser.parse(output, "t.py");

        assertThat(report.failures()).containsExactly("t.C.test_a");
        assertThat(report.passed()).isEqualTo(1);
    }

    @Test
    void outputCutBeforeTheRunLineHasNoSummary() {
        assertThat(UnittestReportParser.hasSummary("test_add (t.T.test_add) ... ")).isFalse();
        assertThat(UnittestReportParser.hasSummary(ReportFixtures.read("unittest-mixed.txt"))).isTrue();
        assertThat(UnittestReportParser.hasSummary(ReportFixtures.read("unittest-syntax-error.txt"))).isFalse();
    }
}
