package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.CapabilityReport;
import io.edgecoder.worker.Language;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CapabilityProbeIT {

    @Test
    void measuresWhatThisMachineEnforcesByTryingIt() {
        CapabilityReport report = new CapabilityProbe(1_900_300_000).detect();

        assertThat(report.runtimes()).containsKeys("python", "javascript");
        assertThat(report.runtimes().get("python")).startsWith("Python 3");
        assertThat(report.bubblewrapWorks()).isEqualTo(Files.isExecutable(BwrapCommand.BWRAP));
        assertThat(report.render()).contains("isolation level: " + report.level());
        if (Language.JAVA.available()) {
            assertThat(report.runtimes().get("java")).startsWith("javac ").contains(Jdk.installed().orElseThrow().home().toString());
        } else {
            assertThat(report.runtimes()).doesNotContainKey("java");
        }
    }

    @Test
    void aRootWorkerWithBubblewrapAndCgroupsIsStrong() {
        assumeThat(Privileges.root()).isTrue();
        assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).isTrue();
        assumeThat(CgroupDriver.detect()).isPresent();

        CapabilityReport report = new CapabilityProbe(1_900_300_000).detect();

        assertThat(report.level()).isEqualTo("strong");
        assertThat(report.bubblewrap()).startsWith("working (bubblewrap");
        assertThat(report.cgroups()).startsWith("v1").contains("memory, pids");
        assertThat(report.advice()).as("only optional runtimes may be missing").allMatch(a -> a.startsWith("optional:"));
    }
}
