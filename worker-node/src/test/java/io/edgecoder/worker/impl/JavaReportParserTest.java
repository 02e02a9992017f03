package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.worker.Language;
import org.junit.jupiter.api.Test;

class JavaReportParserTest {
    private static final String TEST = "src/CalcTest.java";

    @Test
    void passFailAndSkipLinesAreCountedAndFailuresNamedWithTheirMessageApart() {
        String stdout = "PASS adds\nsome other output\nFAIL wrong sum: expected 3 but was 2\nSKIP slow one\nPASS concatenates\n";

        TestReport report = JavaReportParser.parse(stdout, 1, TEST);

        assertThat(report).isEqualTo(new TestReport(4, 2, 1, 1, java.util.List.of("wrong sum"), 0,
            java.util.List.of(new TestFailure("wrong sum", "expected 3 but was 2"))));
    }

    @Test
    void linesOnStderrCountAsWell() {
        TestReport report = TestOutputParser.parse(Language.JAVA, "PASS a\n", "FAIL b\n", TEST, 1);

        assertThat(report.run()).isEqualTo(2);
        assertThat(report.failures()).containsExactly("b");
    }

    @Test
    void withoutReportLinesTheExitCodeDecidesOneTest() {
        assertThat(JavaReportParser.parse("hello\n", 0, TEST)).isEqualTo(new TestReport(1, 1, 0, 0, java.util.List.of()));
        assertThat(JavaReportParser.parse("hello\n", 3, TEST)).isEqualTo(new TestReport(1, 0, 1, 0, java.util.List.of(TEST), 0,
            java.util.List.of(new TestFailure(TEST, "exit code 3"))));
    }

    @Test
    void aNonZeroExitAfterOnlyPassesAddsTheTestFileAsAFailure() {
        TestReport report = JavaReportParser.parse("PASS a\nPASS b\nException in thread \"main\" java.lang.IllegalStateException\n", 1, TEST);

        assertThat(report).isEqualTo(new TestReport(3, 2, 1, 0, java.util.List.of(TEST), 0,
            java.util.List.of(new TestFailure(TEST, "exit code 1 after only passing tests"))));
    }

    @Test
    void aFailedCompilationMeansNoTestRan() {
        String stderr = "src/CalcTest.java:3: error: ';' expected\n1 error\n" + JavaCommand.COMPILE_FAILED + "\n";

        TestReport report = TestOutputParser.parse(Language.JAVA, "", stderr, TEST, 1);

        assertThat(report).isEqualTo(new TestReport(0, 0, 0, 0, java.util.List.of(TEST), 0,
            java.util.List.of(new TestFailure(TEST, "compilation failed"))));
    }

    @Test
    void wordsThatOnlyStartWithTheKeywordsAreNotReportLines() {
        TestReport report = JavaReportParser.parse("PASSWORD reset\nFAILED to do x\n  PASS indented\n", 0, TEST);

        assertThat(report).isEqualTo(new TestReport(1, 1, 0, 0, java.util.List.of()));
    }
}
