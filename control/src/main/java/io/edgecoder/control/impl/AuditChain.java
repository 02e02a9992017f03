package io.edgecoder.control.impl;

import io.edgecoder.control.AuditEntry;
import io.edgecoder.control.AuditHash;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Appends to the control plane's hash-chained audit inside the caller's transaction. Each append
 * locks the chain's head row, so entries of every control node sharing the database form one
 * chain; a change that alters the policy also takes the next policy version under that lock.
 */
public final class AuditChain {
    /** What an append left: the entry's sequence number and hash, the policy version (new or unchanged). */
    public record Appended(long seq, String hash, long policyVersion, Instant at) {
    }

    private AuditChain() {
    }

    /** Appends one entry; with {@code bumpPolicy} the policy version goes up by one and is stamped {@code at}. */
    public static Future<Appended> append(SqlConnection conn, Instant when, String actor, String action, String subject,
                                          String detail, boolean bumpPolicy) {
        Instant at = when.truncatedTo(ChronoUnit.MILLIS);
        return conn.preparedQuery("SELECT head_hash, policy_version FROM control_chain WHERE id = 1 FOR UPDATE").execute()
            .compose(rows -> {
                Row head = rows.iterator().next();
                String prev = head.getString("head_hash");
                long version = head.getLong("policy_version") + (bumpPolicy ? 1 : 0);
                return conn.preparedQuery("INSERT INTO control_audit (at, actor, action, subject, detail, prev_hash)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq")
                    .execute(Tuple.of(utc(at), actor, action, subject, detail, prev))
                    .compose(r -> seal(conn, r.iterator().next().getLong("seq"), prev, at, actor, action, subject, detail,
                        version, bumpPolicy));
            });
    }

    private static Future<Appended> seal(SqlConnection conn, long seq, String prev, Instant at, String actor, String action,
                                         String subject, String detail, long version, boolean bumpPolicy) {
        String hash = AuditHash.of(prev, seq, at, actor, action, subject, detail);
        return conn.preparedQuery("UPDATE control_audit SET hash = $2 WHERE seq = $1").execute(Tuple.of(seq, hash))
            .compose(v -> conn.preparedQuery("UPDATE control_chain SET head_seq = $1, head_hash = $2, policy_version = $3"
                    + (bumpPolicy ? ", committed_at = $4" : "") + " WHERE id = 1")
                .execute(bumpPolicy ? Tuple.of(seq, hash, version, utc(at)) : Tuple.of(seq, hash, version)))
            .map(v -> new Appended(seq, hash, version, at));
    }

    /**
     * Chains entries written before the audit was a chain (no hash yet), oldest first; run at start
     * under the head lock. Returns how many were chained.
     */
    public static Future<Integer> chainUnsealed(SqlConnection conn) {
        return conn.preparedQuery("SELECT head_hash FROM control_chain WHERE id = 1 FOR UPDATE").execute()
            .compose(head -> conn.preparedQuery("SELECT seq, at, actor, action, subject, detail FROM control_audit"
                    + " WHERE hash IS NULL ORDER BY seq").execute()
                .compose(rows -> {
                    Future<String> prev = Future.succeededFuture(head.iterator().next().getString("head_hash"));
                    for (Row r : rows) {
                        AuditEntry e = entry(r);
                        prev = prev.compose(p -> {
                            String hash = AuditHash.of(p, e);
                            return conn.preparedQuery("UPDATE control_audit SET prev_hash = $2, hash = $3 WHERE seq = $1")
                                .execute(Tuple.of(e.seq(), p, hash))
                                .compose(v -> conn.preparedQuery("UPDATE control_chain SET head_seq = $1, head_hash = $2 WHERE id = 1")
                                    .execute(Tuple.of(e.seq(), hash)))
                                .map(hash);
                        });
                    }
                    return prev.map(rows.size());
                }));
    }

    static AuditEntry entry(Row r) {
        return new AuditEntry(r.getLong("seq"), r.getOffsetDateTime("at").toInstant(), r.getString("actor"), r.getString("action"),
            r.getString("subject"), r.getString("detail"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
