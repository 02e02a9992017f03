package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.SandboxContractSuite;
import io.edgecoder.worker.SandboxFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sandbox contract against the strong level with pre-started sandboxes: every Python case
 * with default limits runs in a sandbox whose interpreter started before the job was known, and
 * must come out exactly as the cold contract says.
 */
class WarmBubblewrapSandboxIT extends SandboxContractSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.warmBubblewrap(1_900_710_000, 4);

    WarmBubblewrapSandboxIT() {
        super(FIXTURE);
    }

    @AfterAll
    static void theCasesRanWarmAndNoneHadToRunAgainCold() {
        WarmPool.Stats stats = ((BubblewrapSandbox) FIXTURE.sandbox()).warmPoolStats();
        assertThat(stats.enabled()).isTrue();
        assertThat(stats.served()).as(stats.toString()).isGreaterThanOrEqualTo(5);
        assertThat(stats.fellBack()).as(stats.toString()).isZero();
    }
}
