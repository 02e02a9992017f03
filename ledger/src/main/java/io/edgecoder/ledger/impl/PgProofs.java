package io.edgecoder.ledger.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.Proofs;
import io.edgecoder.ledger.merkle.Merkle;
import io.edgecoder.ledger.merkle.MerkleProofs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inclusion proofs of entries in checkpoints and consistency proofs between checkpoints,
 * computed from the stored chain hashes (leaf i = RFC 6962 leaf of entry i+1's hash). A proof
 * is only handed out when the stored entries still yield the signed root.
 */
public final class PgProofs {
    private static final String LEAVES = "SELECT hash FROM ledger_entries WHERE seq <= $1 ORDER BY seq";

    private final Vertx vertx;
    private final Pool pool;

    public PgProofs(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Proof that entry {@code seq} is in checkpoint {@code checkpointId} (null: the first covering it). */
    public Future<Proofs.Inclusion> inclusion(long seq, Long checkpointId) {
        return PgCheckpoints.list(pool).compose(all -> {
            Checkpoint cp = all.stream()
                .filter(c -> checkpointId == null ? c.treeSize() >= seq : c.id() == checkpointId)
                .findFirst().orElseThrow(() -> MeshException.notFound(checkpointId == null
                    ? "entry " + seq + " is not covered by a checkpoint yet" : "no checkpoint " + checkpointId));
            if (seq < 1 || seq > cp.treeSize()) {
                throw MeshException.notFound("entry " + seq + " is not in checkpoint " + cp.id());
            }
            return tree(cp).compose(tree -> vertx.executeBlocking(() -> new Proofs.Inclusion(seq, cp.id(),
                cp.treeSize(), tree.entryHashes().get((int) seq - 1),
                MerkleProofs.inclusion(tree.leaves(), seq - 1, cp.treeSize()), cp.root())));
        });
    }

    /** Proof that checkpoint {@code fromId}'s tree is a prefix of checkpoint {@code toId}'s. */
    public Future<Proofs.Consistency> consistency(long fromId, long toId) {
        return PgCheckpoints.list(pool).compose(all -> {
            Checkpoint from = find(all, fromId);
            Checkpoint to = find(all, toId);
            if (from.treeSize() >= to.treeSize()) {
                throw MeshException.badRequest("checkpoint " + fromId + " must precede checkpoint " + toId);
            }
            return tree(to).compose(tree -> vertx.executeBlocking(() -> new Proofs.Consistency(fromId, toId,
                from.treeSize(), to.treeSize(), from.root(), to.root(),
                MerkleProofs.consistency(tree.leaves(), from.treeSize(), to.treeSize()))));
        });
    }

    private static Checkpoint find(List<Checkpoint> all, long id) {
        return all.stream().filter(c -> c.id() == id).findFirst()
            .orElseThrow(() -> MeshException.notFound("no checkpoint " + id));
    }

    /** The chain hashes of entries 1..n and their RFC 6962 leaf hashes. */
    private record Tree(List<byte[]> entryHashes, List<byte[]> leaves) {
    }

    private Future<Tree> tree(Checkpoint cp) {
        return pool.preparedQuery(LEAVES).execute(Tuple.of(cp.treeSize()))
            .compose(rows -> vertx.executeBlocking(() -> {
                List<byte[]> hashes = new ArrayList<>(rows.size());
                List<byte[]> leaves = new ArrayList<>(rows.size());
                rows.forEach(r -> hashes.add(r.getBuffer(0).getBytes()));
                hashes.forEach(h -> leaves.add(Merkle.leafHash(h)));
                if (leaves.size() != cp.treeSize() || !Arrays.equals(Merkle.root(leaves, 0, leaves.size()), cp.root())) {
                    throw new MeshException(ErrorCode.CONFLICT, "stored entries no longer match checkpoint " + cp.id()
                        + "; run verify");
                }
                return new Tree(hashes, leaves);
            }));
    }
}
