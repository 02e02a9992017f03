package io.edgecoder.ledger.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the external timestamping of checkpoints: the anchor digest is the checkpoint's
 * Merkle root; an operator submits it to a service (for example OpenTimestamps, which commits
 * it to Bitcoin), records the submission, and later records the service's proof.
 */
public final class PgAnchors {
    private static final String COLUMNS = "checkpoint_id, service, digest, submitted_at, proven_at, length(proof)";

    /** One anchor; {@code provenAt} and {@code proofBytes} are null until a proof is recorded. */
    public record Anchor(long checkpointId, String service, byte[] digest, Instant submittedAt, Instant provenAt,
                         Integer proofBytes) {
    }

    private final Pool pool;
    private final Clock clock;

    public PgAnchors(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Records that checkpoint {@code id}'s root was submitted to {@code service}; answers the digest. */
    public Future<byte[]> submitted(long checkpointId, String service) {
        return submit(checkpointId, service).map(Anchor::digest);
    }

    /** Like {@link #submitted}, answering the whole anchor (the first submission's time on a repeat). */
    public Future<Anchor> submit(long checkpointId, String service) {
        return pool.preparedQuery("INSERT INTO ledger_anchors (checkpoint_id, service, digest, submitted_at)"
                + " SELECT id, $2, root, $3 FROM ledger_checkpoints WHERE id = $1 ON CONFLICT DO NOTHING")
            .execute(Tuple.of(checkpointId, service, now()))
            .compose(v -> find(checkpointId, service))
            .map(found -> required(found, "no checkpoint " + checkpointId));
    }

    /** Records the service's proof for a submitted anchor (once; a different second proof is a conflict). */
    public Future<Void> proven(long checkpointId, String service, byte[] proof) {
        return prove(checkpointId, service, proof).mapEmpty();
    }

    /**
     * Like {@link #proven}, answering the anchor. No anchor for that checkpoint and service
     * (unknown checkpoint, or not submitted yet) is 404; a different recorded proof is 409.
     */
    public Future<Anchor> prove(long checkpointId, String service, byte[] proof) {
        return pool.preparedQuery("UPDATE ledger_anchors SET proof = $3, proven_at = coalesce(proven_at, $4)"
                + " WHERE checkpoint_id = $1 AND service = $2 AND (proof IS NULL OR proof = $3)")
            .execute(Tuple.of(checkpointId, service, Buffer.buffer(proof), now()))
            .compose(rows -> find(checkpointId, service).map(found -> proveOutcome(rows, found, checkpointId, service)));
    }

    /** The anchor of {@code checkpointId} at {@code service}, or null. */
    public Future<Anchor> find(long checkpointId, String service) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_anchors WHERE checkpoint_id = $1 AND service = $2")
            .execute(Tuple.of(checkpointId, service))
            .map(rows -> rows.size() == 0 ? null : anchor(rows.iterator().next()));
    }

    /** Anchors of one checkpoint, or of all when {@code checkpointId} is null, by checkpoint then service. */
    public Future<List<Anchor>> list(Long checkpointId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_anchors WHERE $1::bigint IS NULL"
                + " OR checkpoint_id = $1 ORDER BY checkpoint_id, service")
            .execute(Tuple.of(checkpointId))
            .map(PgAnchors::anchors);
    }

    private static Anchor proveOutcome(RowSet<Row> updated, Anchor found, long checkpointId, String service) {
        Anchor anchor = required(found, "checkpoint " + checkpointId + " has no " + service
            + " anchor; submit it first");
        if (updated.rowCount() != 1) {
            throw new MeshException(ErrorCode.CONFLICT, "checkpoint " + checkpointId + " already has a different "
                + service + " proof");
        }
        return anchor;
    }

    private static Anchor required(Anchor found, String missing) {
        if (found == null) {
            throw MeshException.notFound(missing);
        }
        return found;
    }

    private static List<Anchor> anchors(RowSet<Row> rows) {
        List<Anchor> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(anchor(row)));
        return list;
    }

    private static Anchor anchor(Row row) {
        OffsetDateTime proven = row.getOffsetDateTime(4);
        return new Anchor(row.getLong(0), row.getString(1), row.getBuffer(2).getBytes(),
            row.getOffsetDateTime(3).toInstant(), proven == null ? null : proven.toInstant(), row.getInteger(5));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
