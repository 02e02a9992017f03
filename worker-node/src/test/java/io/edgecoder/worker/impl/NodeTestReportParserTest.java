package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTestReportParserTest {

    @Test
    void tapOutputGivesCountsAndLeafFailuresWithTheirSuites() {
        TestReport report = NodeTestReportParser.parse(ReportFixtures.read("node-tap.txt"), "a.test.js");

        assertThat(report.run()).isEqualTo(6);
        assertThat(report.passed()).isEqualTo(2);
        assertThat(report.failed()).isEqualTo(3);
        assertThat(report.skipped()).isEqualTo(1);
        assertThat(report.failures()).containsExactly("fails here", "suite > inner bad");
        assertThat(report.details()).containsExactly(
            new TestFailure("fails here", "Expected values to be strictly equal: 1 !== 2"),
            new TestFailure("suite > inner bad", "x"));
    }

    @Test
    void specReporterOutputGivesTheSameReport() {
        TestReport tap = NodeTestReportParser.parse(ReportFixtures.read("node-tap.txt"), "a.test.js");
        TestReport spec = NodeTestReportParser.parse(ReportFixtures.read("node-spec.txt"), "a.test.js");

        assertThat(List.of(spec.run(), spec.passed(), spec.failed(), spec.skipped())).isEqualTo(List.of(tap.run(), tap.passed(), tap.failed(), tap.skipped()));
        assertThat(spec.failures()).isEqualTo(tap.failures());
    }

    @Test
    void fileThatFailsToLoadIsOneFailingTest() {
        String output = """
            TAP version 13
            # /ws/b.test.js:3
            # SyntaxError: Unexpected end of input
            # Subtest: /ws/b.test.js
            not ok 1 - /ws/b.test.js
              ---
              failureType: 'testCodeFailure'
              ...
            1..1
            # tests 1
            # suites 0
            # pass 0
            # fail 1
            # cancelled 0
            # skipped 0
            # todo 0
            """;
        TestReport report = NodeTestReportParser.parse(output, "b.test.js");

        assertThat(report.run()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures()).containsExactly("/ws/b.test.js");
    }

    @Test
    void tapCutBeforeItsSummaryIsCountedFromTopLevelTestPoints() {
        String output = "TAP version 13\n# Subtest: ok\nok 1 - ok\n  ---\n# Subtest: bad\nnot ok 2 - bad\n"
            + "# Subtest: later\nok 3 - later # SKIP\n";

        TestReport report = NodeTestReportParser.parse(output, "t.test.js");

        assertThat(report).isEqualTo(new TestReport(3, 1, 1, 1, List.of("bad"), 0, List.of(new TestFailure("bad", null))));
    }

    @Test
    void outputWithoutSummaryReportsNoRunAndNamesTheFile() {
        TestReport report = NodeTestReportParser.parse("Segmentation fault\n", "c.test.js");

        assertThat(report).isEqualTo(new TestReport(0, 0, 0, 0, List.of("c.test.js"), 0, List.of(new TestFailure("c.test.js", null))));
    }

    @Test
    void onlyTheTestsCountIsTheSummary() {
        assertThat(NodeTestReportParser.hasSummary(ReportFixtures.read("node-tap.txt"))).isTrue();
        assertThat(NodeTestReportParser.hasSummary("TAP version 13\n# Subtest: adds\nok 1 - adds\n")).isFalse();
    }
}
