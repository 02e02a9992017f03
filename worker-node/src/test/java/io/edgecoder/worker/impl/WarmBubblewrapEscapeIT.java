package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.EscapeSuite;
import io.edgecoder.worker.SandboxFixture;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Escape and abuse suite against the strong level with pre-started sandboxes: it stops every case too. */
class WarmBubblewrapEscapeIT extends EscapeSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.warmBubblewrap(1_900_720_000, 2);

    WarmBubblewrapEscapeIT() {
        super(FIXTURE, EnumSet.noneOf(Gap.class));
    }

    @AfterAll
    static void theCasesRanWarm() {
        WarmPool.Stats stats = ((BubblewrapSandbox) FIXTURE.sandbox()).warmPoolStats();
        assertThat(stats.enabled()).isTrue();
        assertThat(stats.served()).as(stats.toString()).isGreaterThanOrEqualTo(5);
    }
}
