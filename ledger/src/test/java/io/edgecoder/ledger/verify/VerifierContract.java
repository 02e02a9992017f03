package io.edgecoder.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.LedgerEntry;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every verification must report for a tampered ledger, written once and run against each
 * implementation: the simple entry-object verifier, the pipelined batch verifier and the
 * export-file verifier. The ledger has 20 entries and checkpoints after entries 7, 14 and 20;
 * the batch-based implementations use batches small enough that faults fall on boundaries.
 */
public interface VerifierContract {
    NodeIdentity SIGNER = NodeIdentity.ephemeral();

    /** Verifies the ledger (entries, checkpoints, head, stored balances) as this implementation does. */
    VerifyReply verify(TestLedger ledger, Set<String> trustedKeys) throws Exception;

    default TestLedger ledger() {
        return TestLedger.build(20, 7, SIGNER);
    }

    /** Verifies trusting the signer's key, as a node trusts its own checkpoint key. */
    private VerifyReply verify(TestLedger ledger) throws Exception {
        return verify(ledger, Set.of(SIGNER.publicKeyBase64()));
    }

    @Test
    default void intactLedgerVerifies() throws Exception {
        assertThat(verify(ledger())).isEqualTo(new VerifyReply(true, 20, null, "ok: 20 entries and 3 checkpoints verified", 3, 0));
        assertThat(verify(ledger(), Set.of(CheckpointCheck.ANY_SIGNER)).complete()).isTrue();
    }

    @Test
    default void withNoTrustedKeyTheFirstCheckpointFailsNamingItsSigner() throws Exception {
        VerifyReply reply = verify(ledger(), Set.of());
        assertThat(reply.ok()).isFalse();
        assertThat(reply.message()).startsWith("checkpoint 1 is signed by " + SIGNER.publicKeyBase64() + ", which is not a trusted key")
            .contains("--trust KEY").contains("ledger.checkpoint.trusted.keys").contains("--trust-any-signer");
    }

    @Test
    default void aLedgerReSignedWithAnotherKeyFailsUnlessAnySignerIsAccepted() throws Exception {
        NodeIdentity forger = NodeIdentity.ephemeral();
        TestLedger resigned = TestLedger.build(20, 7, forger);
        assertThat(verify(resigned)).isEqualTo(new VerifyReply(false, 7, null,
            "checkpoint 1 is signed by " + forger.publicKeyBase64() + ", which is not a trusted key"));
        assertThat(verify(resigned, Set.of(CheckpointCheck.ANY_SIGNER)).complete()).isTrue();
    }

    @Test
    default void entriesAfterTheLastCheckpointAreReportedAsUnchecked() throws Exception {
        TestLedger l = ledger();
        l.checkpoints.remove(2);
        VerifyReply reply = verify(l);
        assertThat(reply).isEqualTo(new VerifyReply(true, 20, null, "ok: 20 entries and 2 checkpoints verified;"
            + " 6 entries after the last checkpoint are not covered by a signed checkpoint", 2, 6));
        assertThat(reply.complete()).isFalse();
    }

    @Test
    default void aChangedEntryAfterTheLastCheckpointStillBreaksTheChain() throws Exception {
        TestLedger l = ledger();
        l.checkpoints.remove(2);
        l.changeAmount(18, 5);
        assertThat(verify(l).firstBadSequence()).isEqualTo(18L);
    }

    @Test
    default void changedAmountIsNamedAtItsEntry() throws Exception {
        for (long seq = 1; seq <= 20; seq++) {
            TestLedger l = ledger();
            l.changeAmount(seq, 999);
            assertThat(verify(l)).isEqualTo(new VerifyReply(false, seq - 1, seq,
                "entry " + seq + ": stored hash does not match its content"));
        }
    }

    @Test
    default void deletedEntryIsNamedAsMissing() throws Exception {
        TestLedger l = ledger();
        l.entries.remove(5);
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 5, 6L, "entry 6 is missing (next stored entry is 7)"));
    }

    @Test
    default void deletedLastEntryIsFoundThroughTheHead() throws Exception {
        TestLedger l = ledger();
        l.entries.remove(19);
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 19, 20L, "entry 20 is missing (the head records 20 entries)"));
    }

    @Test
    default void reorderedEntriesAreNamedAtTheFirstOfThem() throws Exception {
        TestLedger l = ledger();
        Collections.swap(l.entries, 2, 6);
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 2, 3L, "entry 3 is missing (next stored entry is 7)"));
    }

    @Test
    default void swappedContentsUnderKeptNumbersAreNamedAtTheFirstOfThem() throws Exception {
        TestLedger l = ledger();
        LedgerEntry third = l.entries.get(2);
        LedgerEntry seventh = l.entries.get(6);
        l.entries.set(2, renumbered(seventh, 3));
        l.entries.set(6, renumbered(third, 7));
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 2, 3L,
            "entry 3: previous hash does not match the hash of entry 2"));
    }

    private static LedgerEntry renumbered(LedgerEntry e, long seq) {
        return new LedgerEntry(seq, e.at(), e.kind(), e.from(), e.to(), e.amountMilli(), e.reference(),
            e.idempotencyKey(), e.prevHash(), e.hash());
    }

    @Test
    default void repeatedEntryIsNamedAsOutOfOrder() throws Exception {
        TestLedger l = ledger();
        l.entries.add(5, l.entries.get(4));
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 5, 6L, "entry 5 is out of order (expected 6)"));
    }

    @Test
    default void rechainedForgeryIsCaughtByTheSignedCheckpoint() throws Exception {
        TestLedger l = ledger();
        byte[] prev = l.entries.get(8).prevHash();
        for (int i = 8; i < 20; i++) {
            LedgerEntry e = l.entries.get(i);
            LedgerEntry forged = TestLedger.entry(e.seq(), e.at(), e.kind(), e.from(), e.to(),
                e.amountMilli() + (i == 8 ? 1000 : 0), e.reference(), e.idempotencyKey(), prev);
            l.entries.set(i, forged);
            prev = forged.hash();
        }
        l.headHash = prev;
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 14, 8L,
            "entries 8..14 do not match the signed root of checkpoint 2"));
    }

    @Test
    default void editedCheckpointFailsItsSignature() throws Exception {
        TestLedger l = ledger();
        Checkpoint c = l.checkpoints.get(1);
        l.checkpoints.set(1, new Checkpoint(c.id(), c.treeSize(), c.firstSeq(), c.headHash(), c.headHash(), c.at(),
            c.signerNode(), c.signerKey(), c.signature()));
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 14, null,
            "checkpoint 2: signature does not verify"));
    }

    @Test
    default void checkpointsOfAnUntrustedSignerFail() throws Exception {
        VerifyReply reply = verify(ledger(), Set.of(NodeIdentity.ephemeral().publicKeyBase64()));
        assertThat(reply).isEqualTo(new VerifyReply(false, 7, null,
            "checkpoint 1 is signed by " + SIGNER.publicKeyBase64() + ", which is not a trusted key"));
    }

    @Test
    default void deletedCheckpointIsNamed() throws Exception {
        TestLedger l = ledger();
        l.checkpoints.remove(1);
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 20, null, "checkpoint 2 is missing (found checkpoint 3)"));
    }

    @Test
    default void checkpointBeyondTheChainIsNamed() throws Exception {
        TestLedger l = ledger();
        l.entries.remove(19);
        l.headSeq = 19;
        l.headHash = l.entries.get(18).hash();
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 19, 20L,
            "checkpoint 3 covers 20 entries but the chain ends at 19"));
    }

    @Test
    default void editedBalanceIsNamedByAccount() throws Exception {
        TestLedger l = ledger();
        long stored = l.balances.get("node:w1");
        l.balances.put("node:w1", stored + 1);
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 20, null,
            "stored balance of node:w1 is " + (stored + 1) + " but the entries sum to " + stored));
    }

    @Test
    default void editedHeadIsNamedAtTheLastEntry() throws Exception {
        TestLedger l = ledger();
        l.headHash = l.entries.get(3).hash();
        assertThat(verify(l)).isEqualTo(new VerifyReply(false, 20, 20L, "entry 20: hash differs from the recorded head"));
    }
}
