package io.edgecoder.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntryBatchTest {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456Z");

    @Test
    void entriesAreLaidOutAsTheirCanonicalEncoding() {
        Random random = new Random(7);
        EntryBatch batch = new EntryBatch(2);
        LedgerEntry[] entries = new LedgerEntry[50];
        for (int i = 0; i < entries.length; i++) {
            byte[] prev = new byte[32];
            random.nextBytes(prev);
            entries[i] = TestLedger.entry(random.nextLong(), AT.minusSeconds(random.nextInt()), EntryKind.values()[i % 8],
                text(random), text(random), random.nextLong(), text(random), text(random), prev);
            batch.add(entries[i]);
        }
        assertThat(batch.size()).isEqualTo(entries.length);
        for (int i = 0; i < entries.length; i++) {
            LedgerEntry e = entries[i];
            assertThat(batch.encoding(i)).isEqualTo(ChainHash.encode(e.seq(), e.at(), e.kind().id(), e.from(), e.to(),
                e.amountMilli(), e.reference(), e.idempotencyKey(), e.prevHash()));
            assertThat(batch.hashEquals(i, e.hash())).isTrue();
            assertThat(batch.seq(i)).isEqualTo(e.seq());
            assertThat(new String(batch.arena(), batch.fieldOffset(i, 1), batch.fieldLength(i, 1), StandardCharsets.UTF_8))
                .isEqualTo(e.from());
            assertThat(new String(batch.arena(), batch.fieldOffset(i, 2), batch.fieldLength(i, 2), StandardCharsets.UTF_8))
                .isEqualTo(e.to());
        }
    }

    private static String text(Random random) {
        String[] parts = {"user:", "node:", "ü", "€", "𝄞", "a", "job-", "7", ""};
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(5); i >= 0; i--) {
            sb.append(parts[random.nextInt(parts.length)]);
        }
        return sb.toString();
    }

    @Test
    void rolledBackEntryLeavesNoTrace() {
        EntryBatch batch = new EntryBatch(4);
        LedgerEntry e = TestLedger.entry(1, AT, EntryKind.EARN, "user:a", "node:b", 5, "job:j", "k", ChainHash.genesis());
        batch.begin(9, 9);
        batch.text("earn");
        batch.rollback();
        batch.add(e);
        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.encoding(0)).isEqualTo(ChainHash.encode(1, AT, "earn", "user:a", "node:b", 5, "job:j", "k",
            ChainHash.genesis()));
    }

    @Test
    void anEntryOfUnknownKindIsRefusedEvenWithAMatchingHash() throws Exception {
        byte[] genesis = ChainHash.genesis();
        byte[] hash = ChainHash.of(1, AT, "gift", "user:a", "node:b", 5, "job:j", "k", genesis);
        EntryBatch batch = new EntryBatch(1);
        batch.begin(1, ChainHash.micros(AT));
        for (String text : new String[] {"gift", "user:a", "node:b"}) {
            batch.text(text);
        }
        batch.amount(5);
        batch.text("job:j");
        batch.text("k");
        batch.prev(genesis, 0, 32);
        batch.hash(hash, 0, 32);
        batch.commit();
        BatchVerifier verifier = new BatchVerifier(List.of(), Set.of());
        assertThat(verifier.accept(batch)).isEqualTo(Optional.of(new ChainVerifier.Failure(1L,
            "entry 1: unknown entry kind 'gift'")));
    }

    @Test
    void hashesOfAnotherLengthFailTheirCheck() throws Exception {
        LedgerEntry e = TestLedger.entry(1, AT, EntryKind.EARN, "user:a", "node:b", 5, "job:j", "k", ChainHash.genesis());
        EntryBatch shortPrev = new EntryBatch(1);
        shortPrev.add(new LedgerEntry(1, AT, EntryKind.EARN, "user:a", "node:b", 5, "job:j", "k", new byte[31], e.hash()));
        assertThat(new BatchVerifier(List.of(), Set.of()).accept(shortPrev).orElseThrow().message())
            .isEqualTo("entry 1: previous hash does not match the hash of entry 0");
        EntryBatch longHash = new EntryBatch(1);
        longHash.add(new LedgerEntry(1, AT, EntryKind.EARN, "user:a", "node:b", 5, "job:j", "k", ChainHash.genesis(),
            java.util.Arrays.copyOf(e.hash(), 33)));
        assertThat(new BatchVerifier(List.of(), Set.of()).accept(longHash).orElseThrow().message())
            .isEqualTo("entry 1: stored hash does not match its content");
    }

    @Test
    void balancesAreSummedPerAccountName() throws Exception {
        TestLedger ledger = TestLedger.build(500, 1000, VerifierContract.SIGNER);
        EntryBatch batch = new EntryBatch(16);
        ledger.entries.forEach(batch::add);
        BatchVerifier verifier = new BatchVerifier(List.of(), Set.of());
        assertThat(verifier.accept(batch)).isEmpty();
        assertThat(verifier.balances()).isEqualTo(ledger.balances);
    }
}
