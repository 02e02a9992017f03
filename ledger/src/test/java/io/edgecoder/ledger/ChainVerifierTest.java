package io.edgecoder.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    static List<LedgerEntry> chain(int n) {
        List<LedgerEntry> out = new ArrayList<>();
        byte[] prev = ChainHash.genesis();
        for (int i = 1; i <= n; i++) {
            LedgerEntry e = entry(i, 10L * i, prev);
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    private static LedgerEntry entry(long seq, long amount, byte[] prev) {
        byte[] hash = ChainHash.of(seq, AT, "earn", "user:u", "node:w", amount, "job:j", "k" + seq, prev);
        return new LedgerEntry(seq, AT, EntryKind.EARN, "user:u", "node:w", amount, "job:j", "k" + seq, prev, hash);
    }

    private static ChainVerifier.Failure firstFailure(List<LedgerEntry> entries) {
        ChainVerifier v = new ChainVerifier();
        for (LedgerEntry e : entries) {
            var f = v.accept(e);
            if (f.isPresent()) {
                return f.get();
            }
        }
        LedgerEntry last = entries.get(entries.size() - 1);
        return v.finish(last.seq(), last.hash()).orElse(null);
    }

    @Test
    void intactChainVerifiesAndSumsBalances() {
        List<LedgerEntry> entries = chain(5);
        ChainVerifier v = new ChainVerifier();
        entries.forEach(e -> assertThat(v.accept(e)).isEmpty());
        assertThat(v.finish(5, entries.get(4).hash())).isEmpty();
        assertThat(v.verified()).isEqualTo(5);
        assertThat(v.balances()).containsEntry("user:u", -150L).containsEntry("node:w", 150L);
    }

    @Test
    void changedAmountIsReportedAtItsSequence() {
        List<LedgerEntry> entries = chain(5);
        LedgerEntry e = entries.get(2);
        entries.set(2, new LedgerEntry(e.seq(), e.at(), e.kind(), e.from(), e.to(), 999, e.reference(),
            e.idempotencyKey(), e.prevHash(), e.hash()));
        assertThat(firstFailure(entries).seq()).isEqualTo(3L);
    }

    @Test
    void missingEntryIsReportedAtItsSequence() {
        List<LedgerEntry> entries = chain(5);
        entries.remove(1);
        ChainVerifier.Failure f = firstFailure(entries);
        assertThat(f.seq()).isEqualTo(2L);
        assertThat(f.message()).contains("missing");
    }

    @Test
    void missingLastEntryIsFoundThroughTheHead() {
        List<LedgerEntry> entries = chain(5);
        ChainVerifier v = new ChainVerifier();
        entries.subList(0, 4).forEach(v::accept);
        assertThat(v.finish(5, entries.get(4).hash())).get().extracting(ChainVerifier.Failure::seq).isEqualTo(5L);
    }

    @Test
    void rechainedForgeryIsCaughtByTheHead() {
        List<LedgerEntry> entries = chain(3);
        List<LedgerEntry> forged = new ArrayList<>(entries.subList(0, 1));
        forged.add(entry(2, 12345, entries.get(0).hash()));
        forged.add(entry(3, 30, forged.get(1).hash()));
        ChainVerifier v = new ChainVerifier();
        forged.forEach(e -> assertThat(v.accept(e)).isEmpty());
        assertThat(v.finish(3, entries.get(2).hash())).get().extracting(ChainVerifier.Failure::seq).isEqualTo(3L);
    }
}
