package io.edgecoder.ledger.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    private static final Instant NOW = Instant.parse("2025-05-05T05:05:05Z");
    private static final BalanceRule NON_NEGATIVE = (account, balance, line) ->
        balance < 0 ? Optional.of(account + " would go below zero") : Optional.empty();

    private static EntryDraft draft(String key, long amount) {
        return new EntryDraft(EntryKind.EARN, "user:u", "node:w", amount, "job:j", key);
    }

    private static BatchPlan plan(BalanceRule rule, Map<String, Long> balances) {
        return new BatchPlan(0, ChainHash.genesis(), Map.of(), balances, rule, NOW);
    }

    @Test
    void entriesOfSeveralCallersFormOneChain() {
        BatchPlan plan = plan(BalanceRule.ALLOW_ALL, Map.of());
        List<LedgerEntry> a = plan.add(List.of(draft("a", 1), draft("b", 2)));
        List<LedgerEntry> c = plan.add(List.of(draft("c", 3)));
        assertThat(a).extracting(LedgerEntry::seq).containsExactly(1L, 2L);
        assertThat(c.get(0).seq()).isEqualTo(3);
        assertThat(c.get(0).prevHash()).isEqualTo(a.get(1).hash());
        assertThat(plan.headHash()).isEqualTo(c.get(0).hash());
        assertThat(plan.freshEntries()).hasSize(3);
        assertThat(plan.balanceDeltas()).containsEntry("user:u", -6L).containsEntry("node:w", 6L);
    }

    @Test
    void sameKeyInOneBatchYieldsTheSameEntry() {
        BatchPlan plan = plan(BalanceRule.ALLOW_ALL, Map.of());
        LedgerEntry first = plan.add(List.of(draft("a", 1))).get(0);
        LedgerEntry again = plan.add(List.of(draft("a", 1))).get(0);
        assertThat(again).isSameAs(first);
        assertThat(plan.freshEntries()).hasSize(1);
    }

    @Test
    void storedKeyYieldsTheStoredEntryAndWritesNothing() {
        LedgerEntry stored = plan(BalanceRule.ALLOW_ALL, Map.of()).add(List.of(draft("a", 1))).get(0);
        BatchPlan plan = new BatchPlan(1, stored.hash(), Map.of("a", stored), Map.of(), BalanceRule.ALLOW_ALL, NOW);
        assertThat(plan.add(List.of(draft("a", 1))).get(0)).isSameAs(stored);
        assertThat(plan.freshEntries()).isEmpty();
    }

    @Test
    void reusedKeyWithOtherContentIsAConflict() {
        BatchPlan plan = plan(BalanceRule.ALLOW_ALL, Map.of());
        plan.add(List.of(draft("a", 1)));
        assertThatThrownBy(() -> plan.add(List.of(draft("a", 2))))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
            .hasMessageContaining("'a'");
    }

    @Test
    void refusedCallerLeavesNoTraceAndOthersProceed() {
        BatchPlan plan = plan(NON_NEGATIVE, Map.of("user:u", 5L));
        assertThatThrownBy(() -> plan.add(List.of(draft("a", 3), draft("b", 3))))
            .isInstanceOfSatisfying(MeshException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED));
        assertThat(plan.freshEntries()).isEmpty();
        assertThat(plan.headSeq()).isZero();
        List<LedgerEntry> ok = plan.add(List.of(draft("b", 5)));
        assertThat(ok.get(0).seq()).isEqualTo(1);
        assertThat(ok.get(0).prevHash()).isEqualTo(ChainHash.genesis());
        assertThatThrownBy(() -> plan.add(List.of(draft("c", 1)))).isInstanceOf(MeshException.class);
    }
}
