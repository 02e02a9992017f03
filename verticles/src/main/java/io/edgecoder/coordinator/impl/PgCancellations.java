package io.edgecoder.coordinator.impl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * Cancellation in PostgreSQL (migration V005). One transaction ends the job {@code cancelled}
 * only if it is still queued or running, and marks its unfinished subtasks {@code cancelled}.
 * Finishing a job ({@link PgJobStore#finish}) has the same condition, so of a cancellation and a
 * completion racing for one job exactly one wins, and only the winner settles it.
 */
public final class PgCancellations {
    private final Pool pool;

    public PgCancellations(Pool pool) {
        this.pool = pool;
    }

    /** The cancelled job's requester and how many of its subtasks were still pending or running. */
    public record Cancelled(String requester, int stopped) {
    }

    /**
     * Cancels the job if it is unfinished and (when {@code requester} is not null) was submitted
     * by {@code requester}; empty when it is not (unknown, someone else's, or already ended).
     */
    public Future<Optional<Cancelled>> cancel(String id, String requester, String note) {
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE jobs SET status = 'cancelled', verified = false,"
                + " finished_at = now(), owner = NULL, lease_until = NULL, notes = notes || $3 WHERE id = $1"
                + " AND ($2::text IS NULL OR requester = $2) AND status IN ('queued','running') RETURNING requester")
            .execute(Tuple.of(id, requester, new JsonArray().add(note)))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<Cancelled>empty())
                : subtasks(conn, id, rows.iterator().next().getString(0)).map(Optional::of)));
    }

    private static Future<Cancelled> subtasks(SqlConnection conn, String id, String requester) {
        return conn.preparedQuery("UPDATE subtasks SET status = 'cancelled', stderr = 'cancelled by the requester',"
                + " updated_at = now() WHERE job_id = $1 AND status IN ('pending','running')")
            .execute(Tuple.of(id))
            .map(rows -> new Cancelled(requester, rows.rowCount()));
    }

    /** The job's status, or null when it does not exist or belongs to someone else than {@code requester}. */
    public Future<String> status(String id, String requester) {
        return pool.preparedQuery("SELECT status FROM jobs WHERE id = $1 AND ($2::text IS NULL OR requester = $2)")
            .execute(Tuple.of(id, requester))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }
}
