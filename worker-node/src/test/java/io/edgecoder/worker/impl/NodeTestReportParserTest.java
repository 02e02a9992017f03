package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.TestReport;
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
    }

    @Test
    void specReporterOutputGivesTheSameReport() {
        TestReport tap = NodeTestReportParser.parse(ReportFixtures.read("node-tap.txt"), "a.test.js");
        TestReport spec = NodeTestReportParser.parse(ReportFixtures.read("node-spec.txt"), "a.test.js");

        assertThat(spec).isEqualTo(tap);
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

        assertThat(report).isEqualTo(new TestReport(3, 1, 1, 1, java.util.List.of("bad")));
    }

    @Test
    void outputWithoutSummaryReportsNoRunAndNamesTheFile() {
        TestReport report = NodeTestReportParser.parse("Segmentation fault\n", "c.test.js");

        assertThat(report).isEqualTo(new TestReport(0, 0, 0, 0, java.util.List.of("c.test.js")));
    }
}
