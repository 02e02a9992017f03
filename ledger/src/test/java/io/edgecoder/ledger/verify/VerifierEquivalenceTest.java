package io.edgecoder.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.export.ExportVerifier;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random tampering (a fixed seed, so a failure is reproducible): the pipelined batch verifier,
 * at several batch sizes, with checkpoint signatures checked inline or ahead, and the
 * export-file verifier report exactly what the simple verifier reports (ok, entries verified,
 * first bad sequence and message) for every case.
 */
class VerifierEquivalenceTest {
    private static final Set<String> ANY = Set.of(CheckpointCheck.ANY_SIGNER);
    private static final NodeIdentity SIGNER = NodeIdentity.ephemeral();
    private static final int CASES = 300;

    @TempDir
    Path dir;

    @Test
    void everyImplementationReportsWhatTheSimpleVerifierReports() throws Exception {
        Random random = new Random(20250304L);
        int failures = 0;
        for (int i = 0; i < CASES; i++) {
            TestLedger ledger = TestLedger.build(30, 7, SIGNER);
            String what = tamper(ledger, random);
            if (random.nextInt(4) == 0) {
                what += " + " + tamper(ledger, random);
            }
            VerifyReply expected = ledger.verifySimply(ANY);
            failures += expected.ok() ? 0 : 1;
            for (int batch : new int[] {1, 4, 64}) {
                assertThat(PipelinedVerifierContractTest.verifyPipelined(ledger, ANY, batch, batch > 1))
                    .as("case %d (%s), batches of %d", i, what, batch).isEqualTo(expected);
            }
            assertThat(ExportVerifier.verify(ledger.write(dir.resolve("l" + i + ".jsonl")), ANY))
                .as("case %d (%s), export file", i, what).isEqualTo(expected);
        }
        assertThat(failures).as("most cases are detected tampering").isGreaterThan(CASES * 3 / 4);
    }

    private static String tamper(TestLedger l, Random r) {
        int n = l.entries.size();
        int i = n == 0 ? 0 : r.nextInt(n);
        switch (r.nextInt(12)) {
            case 0 -> l.changeAmount(i + 1L, 1 + r.nextInt(100));
            case 1 -> l.entries.remove(i);
            case 2 -> Collections.swap(l.entries, i, r.nextInt(n));
            case 3 -> l.entries.add(i, l.entries.get(r.nextInt(n)));
            case 4 -> l.entries.set(i, with(l.entries.get(i), "user:x", null, -1, null));
            case 5 -> l.entries.set(i, with(l.entries.get(i), null, null, -1, flip(l.entries.get(i).hash(), r)));
            case 6 -> l.entries.set(i, with(l.entries.get(i), null, flip(l.entries.get(i).prevHash(), r), -1, null));
            case 7 -> l.entries.set(i, with(l.entries.get(i), null, null, l.entries.get(i).seq() + r.nextInt(3) - 1, null));
            case 8 -> rechain(l, i, r);
            case 9 -> l.checkpoints.remove(r.nextInt(l.checkpoints.size()));
            case 10 -> l.balances.merge("node:w" + r.nextInt(3), (long) r.nextInt(3) - 1, Long::sum);
            default -> {
                l.headSeq += r.nextInt(3) - 1;
                return "head " + l.headSeq;
            }
        }
        return "at " + (i + 1);
    }

    private static LedgerEntry with(LedgerEntry e, String from, byte[] prev, long seq, byte[] hash) {
        return new LedgerEntry(seq < 0 ? e.seq() : seq, e.at(), e.kind(), from == null ? e.from() : from, e.to(),
            e.amountMilli(), e.reference(), e.idempotencyKey(), prev == null ? e.prevHash() : prev,
            hash == null ? e.hash() : hash);
    }

    private static byte[] flip(byte[] hash, Random r) {
        byte[] out = hash.clone();
        out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        return out;
    }

    /** Changes entry i and re-hashes everything after it, head included: only checkpoints can tell. */
    private static void rechain(TestLedger l, int i, Random r) {
        byte[] prev = l.entries.get(i).prevHash();
        for (int k = i; k < l.entries.size(); k++) {
            LedgerEntry e = l.entries.get(k);
            LedgerEntry forged = TestLedger.entry(e.seq(), e.at(), k == i ? EntryKind.ADJUST : e.kind(), e.from(),
                e.to(), e.amountMilli() + (k == i ? 1 + r.nextInt(5) : 0), e.reference(), e.idempotencyKey(), prev);
            l.entries.set(k, forged);
            prev = forged.hash();
        }
        l.headHash = prev;
        if (r.nextBoolean() && !l.checkpoints.isEmpty()) {
            Checkpoint last = l.checkpoints.remove(l.checkpoints.size() - 1);
            l.checkpoints.add(Checkpoint.sign(last.id(), last.treeSize(), last.firstSeq(), last.root(), prev, last.at(),
                NodeIdentity.ephemeral()));
        }
    }
}
