package io.edgecoder.portal.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTallyTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T01:00:00Z"));
    private final JobTally tally = new JobTally(clock);

    private void job(String id, String status, Instant at) {
        tally.observe(new JobEvent(id, null, status, null, at));
    }

    @Test
    void openJobsEndingsSuccessAndPercentilesComeFromJobEvents() {
        Instant t = clock.instant();
        job("a", "queued", t);
        job("b", "queued", t);
        job("c", "queued", t);
        tally.observe(new JobEvent("a", "a.1", "passed", "n1", t.plusMillis(50)));
        job("a", "succeeded", t.plusMillis(100));
        job("b", "failed", t.plusMillis(300));

        JobTally.Figures f = tally.figures();

        assertThat(f.open()).isEqualTo(1);
        assertThat(f.successRate()).isEqualTo(0.5);
        assertThat(f.p50Ms()).isEqualTo(100);
        assertThat(f.p99Ms()).isEqualTo(300);
        assertThat(f.perSecond()).isEqualTo(2 / 60.0);
    }

    @Test
    void theSettledNoticeAfterAJobEndedDoesNotOpenItAgain() {
        Instant t = clock.instant();
        job("a", "queued", t);
        job("a", "running", t.plusMillis(10));
        job("a", "succeeded", t.plusMillis(100));
        job("a", "settled", t.plusMillis(120));

        assertThat(tally.figures().open()).isZero();
        assertThat(tally.figures().successRate()).isEqualTo(1.0);
    }

    @Test
    void endingsOlderThanAnHourAreForgottenAndNoEndingsMeanNoRates() {
        assertThat(tally.figures().successRate()).isNull();
        job("a", "queued", clock.instant());
        job("a", "succeeded", clock.instant());
        clock.advance(Duration.ofMinutes(61));

        JobTally.Figures f = tally.figures();

        assertThat(f.successRate()).isNull();
        assertThat(f.p50Ms()).isNull();
        assertThat(f.perSecond()).isZero();
    }
}
