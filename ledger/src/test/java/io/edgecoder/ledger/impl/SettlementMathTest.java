package io.edgecoder.ledger.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.QualityMultiplier;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementMathTest {
    @Test
    void grossIsCpuTimesPriceRoundedAndAtLeastOne() {
        assertThat(SettlementMath.gross(1500, 1000)).isEqualTo(1500);
        assertThat(SettlementMath.gross(1, 400)).isEqualTo(1);   // 0.4 rounds to 0, floor of 1
        assertThat(SettlementMath.gross(3, 500)).isEqualTo(2);   // 1.5 rounds half up
        assertThat(SettlementMath.gross(0, 1000)).isEqualTo(1);
    }

    @Test
    void qualityMultiplierFollowsModelSize() {
        assertThat(QualityMultiplier.bps(null)).isEqualTo(10_000);
        assertThat(QualityMultiplier.bps(7.0)).isEqualTo(10_000);
        assertThat(QualityMultiplier.bps(3.0)).isEqualTo(7_000);
        assertThat(QualityMultiplier.bps(1.5)).isEqualTo(5_000);
        assertThat(QualityMultiplier.bps(0.5)).isEqualTo(3_000);
    }

    @Test
    void smallModelEarnsItsShareAndTheRestGoesToTheReserve() {
        List<EntryDraft> drafts = SettlementMath.drafts("j", "alice",
            List.of(new SettlementMath.Work("a", "w", 10_000, 3_000)), null, 1000, 500);
        assertThat(drafts).extracting(EntryDraft::kind, EntryDraft::to, EntryDraft::amountMilli).containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntryKind.EARN, "node:w", 2850L),
            org.assertj.core.groups.Tuple.tuple(EntryKind.FEE, "fees", 500L),
            org.assertj.core.groups.Tuple.tuple(EntryKind.SPEND, "reserve", 6650L));
        assertThat(drafts).allSatisfy(d -> assertThat(d.from()).isEqualTo("user:alice"));
    }

    @Test
    void aBlacklistedWorkersEarningsAreHeldForReviewUnderTheSameIdempotencyKey() {
        List<EntryDraft> drafts = SettlementMath.drafts("j", "alice",
            List.of(new SettlementMath.Work("a", "w", 1000, 10_000, true), new SettlementMath.Work("b", "v", 1000, 10_000)), null, 1000, 0);
        assertThat(drafts).extracting(EntryDraft::to, EntryDraft::amountMilli, EntryDraft::idempotencyKey).containsExactly(
            org.assertj.core.groups.Tuple.tuple("review:w", 1000L, "settle:a"),
            org.assertj.core.groups.Tuple.tuple("node:v", 1000L, "settle:b"));
    }

    @Test
    void withoutHoldOrFeeItIsOneEarnPerContribution() {
        List<EntryDraft> drafts = SettlementMath.drafts("j", "alice",
            List.of(new SettlementMath.Work("a", "w", 100, 10_000)), null, 1000, 0);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(EntryKind.EARN);
            assertThat(d.idempotencyKey()).isEqualTo("settle:a");
            assertThat(d.reference()).isEqualTo("job:j");
        });
    }
}
