package io.edgecoder.ledger.economy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.ledger.EntryDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IssuanceCalculatorTest {
    // 24 h window, 10 min recalc: each recalc issues 1/144 of the daily pool
    static final IssuanceCalculator.Params P = new IssuanceCalculator.Params(Duration.ofMinutes(10), Duration.ofHours(24),
        1_440_000, 720_000, 2_880_000, 1_000_000, 500, 300, 1000, 1000);
    private static final Instant END = Instant.parse("2025-04-01T00:00:00Z");

    private static long sumTo(IssuanceCalculator.Window w, String account) {
        return w.drafts().stream().filter(d -> d.to().equals(account)).mapToLong(EntryDraft::amountMilli).sum();
    }

    @Test
    void referenceLoadIssuesTheBasePoolSplitByContribution() {
        IssuanceCalculator.Window w = IssuanceCalculator.compute(P, END, Map.of("node:a", 750_000L, "node:b", 250_000L), null);
        assertThat(w.loadPermille()).isEqualTo(1000);
        assertThat(w.dailyMilli()).isEqualTo(1_440_000);
        assertThat(w.issuedMilli()).isEqualTo(10_000);
        assertThat(sumTo(w, "coordinators")).isEqualTo(1000);
        assertThat(sumTo(w, "reserve")).isEqualTo(1000);
        assertThat(sumTo(w, "node:a")).isEqualTo(6000);
        assertThat(sumTo(w, "node:b")).isEqualTo(2000);
        assertThat(w.drafts().stream().mapToLong(EntryDraft::amountMilli).sum()).isEqualTo(w.issuedMilli());
        assertThat(w.start()).isEqualTo(END.minus(Duration.ofHours(24)));
    }

    @Test
    void loadMovesThePoolWithinItsBoundsAndSmoothingDampsIt() {
        IssuanceCalculator.Window busy = IssuanceCalculator.compute(P, END, Map.of("node:a", 3_000_000L), null);
        assertThat(busy.rawDailyMilli()).isEqualTo(2_880_000); // base × (1 + 0.5 × 2), equal to the max
        IssuanceCalculator.Window idle = IssuanceCalculator.compute(P, END, Map.of(), 1_440_000L);
        assertThat(idle.rawDailyMilli()).isEqualTo(720_000);    // base × (1 − 0.5), the min
        assertThat(idle.dailyMilli()).isEqualTo(1_440_000 - 216_000); // 30 % of the way down
        assertThat(sumTo(idle, "reserve")).isEqualTo(idle.issuedMilli() - sumTo(idle, "coordinators"));
    }

    @Test
    void sameInputsGiveTheSameEntries() {
        Map<String, Long> c = Map.of("node:a", 333_333L, "node:b", 333_333L, "node:c", 333_334L);
        assertThat(IssuanceCalculator.compute(P, END, c, 1_000_000L).drafts())
            .isEqualTo(IssuanceCalculator.compute(P, END, c, 1_000_000L).drafts());
        assertThat(IssuanceCalculator.compute(P, END, c, null).drafts())
            .allSatisfy(d -> assertThat(d.idempotencyKey()).startsWith("issuance:" + END.toEpochMilli() + ":"));
    }
}
