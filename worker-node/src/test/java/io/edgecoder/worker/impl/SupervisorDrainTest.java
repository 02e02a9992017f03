package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.worker.RunLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's verdict must not depend on when its output readers get to run: a reader
 * held back until the process has ended and its leftovers are killed still gets every byte, and
 * a reader that never gets to the end makes the outcome incomplete instead of cutting it.
 */
class SupervisorDrainTest {
    private static final int LINES = 400;
    private static final String SCRIPT = "i=0; while [ $i -lt " + LINES + " ]; do echo out-$i; echo err-$i >&2; i=$((i+1)); done; echo END";

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseReaders() {
        release.countDown();
    }

    @Test
    void readersHeldBackUntilTheProcessIsGoneStillGetEveryByte() {
        // Given readers that cannot read before the supervisor has reaped the process and killed its leftovers
        Supervisor supervisor = new Supervisor(in -> new Held(in, release), release::countDown, Supervisor.DRAIN_DEADLINE_MS);

        // When the process writes to both streams and exits while nobody reads
        Outcome outcome = supervisor.run(launch());

        // Then every line arrives and the outcome is whole
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.outputComplete()).isTrue();
        assertThat(outcome.stdout().lines()).hasSize(LINES + 1).startsWith("out-0").endsWith("out-" + (LINES - 1), "END");
        assertThat(outcome.stderr().lines()).hasSize(LINES).endsWith("err-" + (LINES - 1));
    }

    @Test
    void aReaderThatNeverReachesTheEndMakesTheOutcomeIncomplete() {
        // Given readers held until after the drain deadline (the latch opens only after the test)
        Supervisor supervisor = new Supervisor(in -> new Held(in, release), () -> { }, 200);

        // When the process exits
        Outcome outcome = supervisor.run(launch());

        // Then the supervisor does not present what it has as the whole output
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.outputComplete()).isFalse();
    }

    private static Launch launch() {
        return new Launch(List.of("/bin/sh", "-c", SCRIPT), Map.of("PATH", "/usr/bin:/bin"), Path.of("/"), Duration.ofSeconds(30),
            RunLimits.defaults(), Path.of("/nonexistent-edgecoder-drain-test"), () -> { }, false, -1, new byte[0]);
    }

    /** A stream whose first read waits for a latch: a reader the scheduler starved. */
    private static final class Held extends FilterInputStream {
        private final CountDownLatch latch;

        Held(InputStream in, CountDownLatch latch) {
            super(in);
            this.latch = latch;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return super.read(b, off, len);
        }
    }
}
