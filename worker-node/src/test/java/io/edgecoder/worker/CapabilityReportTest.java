package io.edgecoder.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityReportTest {

    @Test
    void levelIsStrongOnlyWithNamespacesAndCgroups() {
        assertThat(CapabilityReport.levelOf(true, true, true)).isEqualTo("strong");
        assertThat(CapabilityReport.levelOf(true, false, true)).isEqualTo("basic");
        assertThat(CapabilityReport.levelOf(false, true, true)).isEqualTo("basic");
        assertThat(CapabilityReport.levelOf(false, false, false)).isEqualTo("none");
    }

    @Test
    void renderNamesThePackageToInstallWhenBubblewrapIsMissing() {
        CapabilityReport report = new CapabilityReport("basic", true, false, "missing (/usr/bin/bwrap)", true, "v1 (memory, pids)",
            true, true, Map.of("python", "Python 3.11.2"));

        String text = report.render();

        assertThat(text).contains("isolation level: basic").contains("bubblewrap:           missing")
            .contains("apt-get install bubblewrap").contains("javascript:          missing (/usr/bin/node)")
            .contains("apt-get install nodejs")
            .contains("java:                missing (/usr/bin/javac)").contains("optional: install a JDK");
    }

    @Test
    void strongMachineWithEveryRuntimeHasNothingToImprove() {
        CapabilityReport report = new CapabilityReport("strong", true, true, "working (bubblewrap 0.8.0)", true, "v1 (memory, pids)",
            true, true, Map.of("python", "Python 3.11.2", "javascript", "v20.20.2", "java", "javac 17.0.15"));

        assertThat(report.advice()).isEmpty();
        assertThat(report.render()).doesNotContain("to improve");
    }
}
