package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.SandboxFixture;
import io.edgecoder.worker.VerdictsUnderLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Passing tests stay passed under CPU contention with pre-started sandboxes (warm where one is ready, cold otherwise). */
class WarmVerdictsUnderLoadIT extends VerdictsUnderLoad {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.warmBubblewrap(1_901_110_000, 4);

    WarmVerdictsUnderLoadIT() {
        super(FIXTURE);
    }

    @AfterAll
    static void someRanWarm() {
        WarmPool.Stats stats = ((BubblewrapSandbox) FIXTURE.sandbox()).warmPoolStats();
        assertThat(stats.served()).as(stats.toString()).isPositive();
        assertThat(stats.fellBack()).as(stats.toString()).isZero();
    }
}
