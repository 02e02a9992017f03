package io.edgecoder.ledger.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Records the external timestamping of checkpoints: the anchor digest is the checkpoint's
 * Merkle root; an operator submits it to a service (for example OpenTimestamps, which commits
 * it to Bitcoin), records the submission, and later records the service's proof.
 */
public final class PgAnchors {
    private final Pool pool;
    private final Clock clock;

    public PgAnchors(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Records that checkpoint {@code id}'s root was submitted to {@code service}; answers the digest. */
    public Future<byte[]> submitted(long checkpointId, String service) {
        return pool.preparedQuery("INSERT INTO ledger_anchors (checkpoint_id, service, digest, submitted_at)"
                + " SELECT id, $2, root, $3 FROM ledger_checkpoints WHERE id = $1 ON CONFLICT DO NOTHING")
            .execute(Tuple.of(checkpointId, service, clock.instant().atOffset(ZoneOffset.UTC)))
            .compose(v -> digest(checkpointId, service));
    }

    /** Records the service's proof for a submitted anchor (once; a different second proof is a conflict). */
    public Future<Void> proven(long checkpointId, String service, byte[] proof) {
        return pool.preparedQuery("UPDATE ledger_anchors SET proof = $3, proven_at = $4"
                + " WHERE checkpoint_id = $1 AND service = $2 AND (proof IS NULL OR proof = $3)")
            .execute(Tuple.of(checkpointId, service, Buffer.buffer(proof), clock.instant().atOffset(ZoneOffset.UTC)))
            .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(new MeshException(
                ErrorCode.CONFLICT, "checkpoint " + checkpointId + " has no open " + service + " anchor")));
    }

    private Future<byte[]> digest(long checkpointId, String service) {
        return pool.preparedQuery("SELECT digest FROM ledger_anchors WHERE checkpoint_id = $1 AND service = $2")
            .execute(Tuple.of(checkpointId, service)).map(rows -> {
                if (rows.size() == 0) {
                    throw MeshException.notFound("no checkpoint " + checkpointId);
                }
                return rows.iterator().next().getBuffer(0).getBytes();
            });
    }
}
