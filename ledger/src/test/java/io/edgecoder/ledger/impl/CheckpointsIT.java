package io.edgecoder.ledger.impl;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static io.edgecoder.ledger.LedgerTesting.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.Proofs;
import io.edgecoder.ledger.merkle.Merkle;
import io.edgecoder.ledger.merkle.MerkleProofs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CheckpointsIT {
    private final NodeIdentity identity = NodeIdentity.ephemeral();
    private Vertx vertx;
    private Pool pool;
    private PgLedgerStore store;
    private PgCheckpoints checkpoints;
    private PgProofs proofs;
    private int next = 1;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 4);
        store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, new PgLedgerStore.Tuning(1000, 1000, 0, 7));
        checkpoints = new PgCheckpoints(vertx, pool, identity, Clock.systemUTC());
        proofs = new PgProofs(vertx, pool);
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private void append(int count) {
        List<Future<LedgerEntry>> all = new ArrayList<>();
        for (int i = 0; i < count; i++, next++) {
            all.add(store.append(new EntryDraft(EntryKind.EARN, "user:u" + next % 4, "node:w" + next % 3, next,
                "job:" + next, "k" + next)));
        }
        await(Future.all(all));
    }

    /** Three checkpoints over 10, 17 and 30 entries. */
    private List<Checkpoint> threeCheckpoints() {
        append(10);
        await(checkpoints.createNow());
        append(7);
        await(checkpoints.createNow());
        append(13);
        await(checkpoints.createNow());
        return await(checkpoints.list());
    }

    @Test
    void checkpointSignsTheMerkleRootOfAllEntries() {
        append(5);
        Checkpoint cp = await(checkpoints.createNow()).orElseThrow();
        List<byte[]> leaves = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            leaves.add(Merkle.leafHash(await(store.entriesByReference("job:" + seq)).get(0).hash()));
        }
        assertThat(cp.id()).isEqualTo(1);
        assertThat(cp.treeSize()).isEqualTo(5);
        assertThat(cp.root()).isEqualTo(Merkle.root(leaves, 0, 5));
        assertThat(cp.signatureValid()).isTrue();
        assertThat(cp.signerNode()).isEqualTo(identity.nodeId());
        assertThat(await(checkpoints.createNow())).isEmpty();
    }

    @Test
    void checkpointIsWrittenOnlyWhenDue() {
        append(3);
        assertThat(await(checkpoints.createIfDue(5, Duration.ofHours(1)))).isPresent(); // the first is always due
        append(3);
        assertThat(await(checkpoints.createIfDue(5, Duration.ofHours(1)))).isEmpty();
        append(2);
        assertThat(await(checkpoints.createIfDue(5, Duration.ofHours(1)))).get()
            .extracting(Checkpoint::treeSize).isEqualTo(8L);
        append(1);
        assertThat(await(checkpoints.createIfDue(5, Duration.ZERO))).isPresent();
    }

    @Test
    void ledgerWithCheckpointsVerifies() {
        threeCheckpoints();
        append(4);
        VerifyReply reply = await(store.verify());
        assertThat(reply.ok()).as(reply.message()).isTrue();
        assertThat(reply.message()).contains("34 entries and 3 checkpoints");
    }

    @Test
    void everyEntryHasAnInclusionProofToItsCheckpoint() {
        List<Checkpoint> cps = threeCheckpoints();
        for (long seq = 1; seq <= 30; seq++) {
            Proofs.Inclusion proof = await(proofs.inclusion(seq, null));
            Checkpoint cp = cps.get((int) proof.checkpointId() - 1);
            assertThat(proof.treeSize()).isEqualTo(cp.treeSize()).isGreaterThanOrEqualTo(seq);
            assertThat(MerkleProofs.verifyInclusion(seq - 1, proof.treeSize(), Merkle.leafHash(proof.entryHash()),
                proof.path(), cp.root())).as("entry %d", seq).isTrue();
        }
        Proofs.Inclusion inLast = await(proofs.inclusion(2, 3L));
        assertThat(MerkleProofs.verifyInclusion(1, 30, Merkle.leafHash(inLast.entryHash()), inLast.path(),
            cps.get(2).root())).isTrue();
    }

    @Test
    void consecutiveCheckpointsHaveConsistencyProofs() {
        List<Checkpoint> cps = threeCheckpoints();
        for (int[] pair : new int[][] {{1, 2}, {2, 3}, {1, 3}}) {
            Proofs.Consistency p = await(proofs.consistency(pair[0], pair[1]));
            assertThat(MerkleProofs.verifyConsistency(p.fromSize(), p.toSize(), cps.get(pair[0] - 1).root(),
                cps.get(pair[1] - 1).root(), p.path())).isTrue();
        }
        assertThat(failure(proofs.consistency(3, 1))).isInstanceOfSatisfying(MeshException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(failure(proofs.inclusion(31, null))).isInstanceOfSatisfying(MeshException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void editedCheckpointRootIsNamed() {
        threeCheckpoints();
        tamper(pool, "UPDATE ledger_checkpoints SET root = sha256(root) WHERE id = 2");
        VerifyReply reply = await(store.verify());
        assertThat(reply.ok()).isFalse();
        assertThat(reply.message()).contains("checkpoint 2").contains("signature");
    }

    @Test
    void deletedCheckpointIsNamed() {
        threeCheckpoints();
        tamper(pool, "DELETE FROM ledger_checkpoints WHERE id = 2");
        assertThat(await(store.verify()).message()).contains("checkpoint 2 is missing");
    }

    @Test
    void rechainedEntriesAreCaughtByTheSignedCheckpoint() {
        threeCheckpoints();
        rechainFrom(12, 5000);
        VerifyReply reply = await(store.verify());
        assertThat(reply.ok()).isFalse();
        assertThat(reply.firstBadSequence()).isEqualTo(11L); // checkpoint 2 covers 11..17
        assertThat(reply.message()).contains("checkpoint 2");
    }

    @Test
    void checkpointsByAnUntrustedKeyFail() {
        threeCheckpoints();
        PgLedgerStore strict = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT,
            Clock.systemUTC(), Set.of(NodeIdentity.ephemeral().publicKeyBase64()));
        assertThat(await(strict.verify()).message()).contains("checkpoint 1").contains("trusted");
    }

    @Test
    void anchorOfACheckpointIsItsRootAndRecordsItsProofOnce() {
        List<Checkpoint> cps = threeCheckpoints();
        PgAnchors anchors = new PgAnchors(pool, Clock.systemUTC());
        assertThat(await(anchors.submitted(2, "opentimestamps"))).isEqualTo(cps.get(1).root());
        await(anchors.proven(2, "opentimestamps", new byte[] {1, 2, 3}));
        await(anchors.proven(2, "opentimestamps", new byte[] {1, 2, 3}));
        assertThat(((MeshException) failure(anchors.proven(2, "opentimestamps", new byte[] {9}))).code())
            .isEqualTo(ErrorCode.CONFLICT);
        assertThat(((MeshException) failure(anchors.submitted(42, "opentimestamps"))).code())
            .isEqualTo(ErrorCode.NOT_FOUND);
    }

    /** An attacker changes entry {@code from}'s amount and recomputes every later hash and the head. */
    private void rechainFrom(long from, long amount) {
        List<LedgerEntry> all = new ArrayList<>();
        for (long seq = 1; seq <= 30; seq++) {
            all.add(await(store.entriesByReference("job:" + seq)).get(0));
        }
        StringBuilder sql = new StringBuilder();
        byte[] prev = all.get((int) from - 2).hash();
        for (LedgerEntry e : all.subList((int) from - 1, all.size())) {
            long amt = e.seq() == from ? amount : e.amountMilli();
            byte[] h = ChainHash.of(e.seq(), e.at(), e.kind().id(), e.from(), e.to(), amt, e.reference(),
                e.idempotencyKey(), prev);
            sql.append("UPDATE ledger_entries SET amount_milli = ").append(amt).append(", prev_hash = ").append(hex(prev))
                .append(", hash = ").append(hex(h)).append(" WHERE seq = ").append(e.seq()).append(";");
            prev = h;
        }
        sql.append("UPDATE ledger_head SET hash = ").append(hex(prev)).append(";");
        tamper(pool, sql.toString());
    }

    private static String hex(byte[] b) {
        return "'\\x" + HexFormat.of().formatHex(b) + "'::bytea";
    }
}
