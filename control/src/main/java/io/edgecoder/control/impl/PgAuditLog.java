package io.edgecoder.control.impl;

import io.edgecoder.control.AuditEntry;
import io.edgecoder.control.AuditHash;
import io.edgecoder.core.message.AuditEntryView;
import io.edgecoder.core.message.AuditVerifyReply;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks the control plane's hash-chained audit. {@link #verify} walks the chain in
 * order and names the first entry where it breaks: a hash that does not match the entry's fields
 * (the entry was edited), a previous hash that is not the preceding entry's (an entry was
 * removed or inserted), or a head that does not name the last entry (entries were cut off the end).
 */
public final class PgAuditLog {
    private static final int PAGE = 1000;
    private static final String COLUMNS = "seq, at, actor, action, subject, detail, prev_hash, hash";

    private final Pool pool;

    public PgAuditLog(Pool pool) {
        this.pool = pool;
    }

    /** Chains entries from before the audit was a chain (run at start). */
    public Future<Integer> chainUnsealed() {
        return pool.withTransaction(AuditChain::chainUnsealed);
    }

    /** Entries after {@code afterSeq}, oldest first; with {@code afterSeq} null the last {@code limit}. */
    public Future<List<AuditEntryView>> tail(Long afterSeq, int limit) {
        String sql = afterSeq == null
            ? "SELECT * FROM (SELECT " + COLUMNS + " FROM control_audit ORDER BY seq DESC LIMIT $1) t ORDER BY seq"
            : "SELECT " + COLUMNS + " FROM control_audit WHERE seq > $2 ORDER BY seq LIMIT $1";
        return pool.preparedQuery(sql).execute(afterSeq == null ? Tuple.of(limit) : Tuple.of(limit, afterSeq))
            .map(rows -> {
                List<AuditEntryView> out = new ArrayList<>();
                rows.forEach(r -> out.add(view(r)));
                return out;
            });
    }

    private record Walk(long checked, long lastSeq, String lastHash) {
    }

    public Future<AuditVerifyReply> verify() {
        return page(new Walk(0, 0, AuditHash.GENESIS));
    }

    private Future<AuditVerifyReply> page(Walk walk) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM control_audit WHERE seq > $1 ORDER BY seq LIMIT $2")
            .execute(Tuple.of(walk.lastSeq(), PAGE))
            .compose(rows -> {
                Walk w = walk;
                for (Row r : rows) {
                    String problem = problem(w.lastHash(), r);
                    if (problem != null) {
                        return Future.succeededFuture(new AuditVerifyReply(false, w.checked(), r.getLong("seq"), problem, w.lastHash()));
                    }
                    w = new Walk(w.checked() + 1, r.getLong("seq"), r.getString("hash"));
                }
                return rows.size() == PAGE ? page(w) : head(w);
            });
    }

    private static String problem(String expectedPrev, Row r) {
        long seq = r.getLong("seq");
        String hash = r.getString("hash");
        if (hash == null) {
            return "entry " + seq + " has no hash (written outside the control role)";
        }
        if (!expectedPrev.equals(r.getString("prev_hash"))) {
            return "entry " + seq + " does not link to the entry before it (an entry was removed, inserted or relinked)";
        }
        AuditEntry e = AuditChain.entry(r);
        if (!AuditHash.of(expectedPrev, e).equals(hash)) {
            return "entry " + seq + "'s fields do not match its hash (the entry was edited)";
        }
        return null;
    }

    private Future<AuditVerifyReply> head(Walk w) {
        return pool.query("SELECT head_seq, head_hash FROM control_chain WHERE id = 1").execute().map(rows -> {
            Row head = rows.iterator().next();
            if (head.getLong("head_seq") != w.lastSeq() || !head.getString("head_hash").equals(w.lastHash())) {
                return new AuditVerifyReply(false, w.checked(), head.getLong("head_seq"), "the chain's head names entry "
                    + head.getLong("head_seq") + " but the last entry is " + w.lastSeq() + " (entries were cut off the end)",
                    w.lastHash());
            }
            return new AuditVerifyReply(true, w.checked(), null, null, w.lastHash());
        });
    }

    private static AuditEntryView view(Row r) {
        return new AuditEntryView(r.getLong("seq"), r.getOffsetDateTime("at").toInstant(), r.getString("actor"), r.getString("action"),
            r.getString("subject"), r.getString("detail"), r.getString("prev_hash"), r.getString("hash"));
    }
}
