package io.edgecoder.control.impl;

import static io.edgecoder.control.impl.AuditChain.utc;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.ModeView;
import io.edgecoder.core.message.PolicySnapshot;
import io.edgecoder.core.message.RolloutView;
import io.edgecoder.core.policy.NetworkMode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy tables: modes, blacklist, rollouts. Every change runs in one transaction with its
 * audit entry, which takes the next policy version under the chain's lock ({@link AuditChain}), so
 * the version a change is stamped with is the version of the snapshot that first contains it.
 * {@link #snapshot} reads under a share lock of that same row: a snapshot is never half of a change.
 */
public final class PgPolicyStore {
    /** The scope of the deployment's mode in {@code control_modes}. */
    public static final String DEPLOYMENT = "*";
    private static final String BLACKLIST_COLUMNS = "id, kind, value, reason, evidence, author, created_at, expires_at, removed_by,"
        + " removed_at, version";

    /** What a change does inside its transaction, given the version it will carry. */
    public interface Change<T> {
        Future<T> apply(SqlConnection conn, long version);
    }

    /** A committed change's result and the policy snapshot it produced (read in its transaction). */
    public record Committed<T>(T result, PolicySnapshot snapshot) {
    }

    /** An audit line for a change. */
    public record Audit(Instant at, String actor, String action, String subject, String detail) {
    }

    private final Pool pool;

    public PgPolicyStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Runs {@code change} under the next policy version, with its audit entry, in one transaction, and
     * reads the snapshot it produced before committing (under the chain lock the change holds), so it can
     * be published the moment the commit succeeds.
     */
    public <T> Future<Committed<T>> commit(Audit audit, Change<T> change) {
        return pool.withTransaction(conn -> AuditChain.append(conn, audit.at(), audit.actor(), audit.action(), audit.subject(),
                audit.detail(), true)
            .compose(appended -> change.apply(conn, appended.policyVersion()))
            .compose(result -> snapshot(conn, audit.at()).map(s -> new Committed<>(result, s))));
    }

    /** Audits an event that changes no policy (a refused or automatic step worth recording). */
    public Future<Void> note(Audit audit) {
        return pool.withTransaction(conn -> AuditChain.append(conn, audit.at(), audit.actor(), audit.action(), audit.subject(),
            audit.detail(), false)).mapEmpty();
    }

    // ---- modes

    public static Future<Void> setMode(SqlConnection conn, String scope, NetworkMode mode, long version, String actor, Instant at,
                                       String reason) {
        return conn.preparedQuery("INSERT INTO control_modes (scope, mode, version, set_by, set_at, reason) VALUES ($1, $2, $3, $4, $5, $6)"
                + " ON CONFLICT (scope) DO UPDATE SET mode = $2, version = $3, set_by = $4, set_at = $5, reason = $6")
            .execute(Tuple.of(scope, mode.id(), version, actor, utc(at), reason)).mapEmpty();
    }

    /** Every mode set, the deployment's first (a default view when it was never set). */
    public Future<List<ModeView>> modes() {
        return pool.query("SELECT scope, mode, version, set_by, set_at, reason FROM control_modes ORDER BY scope = '*' DESC, scope")
            .execute().map(rows -> {
                List<ModeView> raw = new ArrayList<>();
                rows.forEach(r -> raw.add(new ModeView(DEPLOYMENT.equals(r.getString("scope")) ? null : r.getString("scope"),
                    r.getString("mode"), r.getString("mode"), r.getLong("version"), r.getString("set_by"),
                    instant(r, "set_at"), r.getString("reason"))));
                return effective(raw);
            });
    }

    private static List<ModeView> effective(List<ModeView> raw) {
        ModeView deployment = raw.stream().filter(m -> m.org() == null).findFirst()
            .orElse(new ModeView(null, NetworkMode.DEFAULT.id(), NetworkMode.DEFAULT.id(), 0, null, null, "default"));
        NetworkMode base = NetworkMode.parse(deployment.mode());
        List<ModeView> out = new ArrayList<>(List.of(deployment));
        raw.stream().filter(m -> m.org() != null).forEach(m -> out.add(new ModeView(m.org(), m.mode(),
            base.stricter(NetworkMode.parse(m.mode())).id(), m.version(), m.setBy(), m.setAt(), m.reason())));
        return out;
    }

    // ---- blacklist

    public static Future<BlacklistView> addBlacklist(SqlConnection conn, BlacklistView e) {
        return conn.preparedQuery("INSERT INTO control_blacklist (kind, value, reason, evidence, author, created_at, expires_at, version)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + BLACKLIST_COLUMNS)
            .execute(Tuple.from(java.util.Arrays.asList(e.kind(), e.value(), e.reason(), e.evidence(), e.author(), utc(e.createdAt()),
                e.expiresAt() == null ? null : utc(e.expiresAt()), e.version())))
            .map(rows -> blacklist(rows.iterator().next()));
    }

    public static Future<BlacklistView> removeBlacklist(SqlConnection conn, long id, String actor, Instant at) {
        return conn.preparedQuery("SELECT " + BLACKLIST_COLUMNS + " FROM control_blacklist WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .compose(rows -> {
                if (rows.size() == 0) {
                    throw MeshException.notFound("no blacklist entry " + id);
                }
                if (rows.iterator().next().getValue("removed_at") != null) {
                    throw new MeshException(ErrorCode.CONFLICT, "blacklist entry " + id + " was already removed");
                }
                return conn.preparedQuery("UPDATE control_blacklist SET removed_by = $2, removed_at = $3 WHERE id = $1 RETURNING "
                    + BLACKLIST_COLUMNS).execute(Tuple.of(id, actor, utc(at)));
            })
            .map(rows -> blacklist(rows.iterator().next()));
    }

    /** Active entries at {@code now} (or every entry with {@code all}), newest first, at most {@code limit}. */
    public Future<List<BlacklistView>> blacklist(boolean all, Instant now, int limit) {
        String where = all ? "" : " WHERE removed_at IS NULL AND (expires_at IS NULL OR expires_at > $2)";
        return pool.preparedQuery("SELECT " + BLACKLIST_COLUMNS + " FROM control_blacklist" + where + " ORDER BY id DESC LIMIT $1")
            .execute(all ? Tuple.of(limit) : Tuple.of(limit, utc(now)))
            .map(rows -> {
                List<BlacklistView> out = new ArrayList<>();
                rows.forEach(r -> out.add(blacklist(r)));
                return out;
            });
    }

    // ---- snapshot

    /** The whole policy at its current version, read consistently (under a share lock of the chain head). */
    public Future<PolicySnapshot> snapshot(Instant now) {
        return pool.withTransaction(conn -> snapshot(conn, now));
    }

    private static Future<PolicySnapshot> snapshot(SqlConnection conn, Instant now) {
        return conn.query("SELECT policy_version, committed_at FROM control_chain WHERE id = 1 FOR SHARE").execute()
            .compose(head -> conn.query("SELECT scope, mode FROM control_modes").execute()
                .compose(modes -> conn.preparedQuery("SELECT " + BLACKLIST_COLUMNS + " FROM control_blacklist WHERE removed_at IS NULL"
                        + " AND (expires_at IS NULL OR expires_at > $1) ORDER BY id").execute(Tuple.of(utc(now)))
                    .compose(bl -> conn.query("SELECT * FROM control_rollouts WHERE state <> 'rolled-back' ORDER BY id").execute()
                        .map(ro -> assemble(head.iterator().next(), modes, bl, ro)))));
    }

    private static PolicySnapshot assemble(Row head, RowSet<Row> modes, RowSet<Row> bl, RowSet<Row> ro) {
        Map<String, String> orgModes = new LinkedHashMap<>();
        String deployment = NetworkMode.DEFAULT.id();
        for (Row m : modes) {
            if (DEPLOYMENT.equals(m.getString("scope"))) {
                deployment = m.getString("mode");
            } else {
                orgModes.put(m.getString("scope"), m.getString("mode"));
            }
        }
        List<BlacklistView> entries = new ArrayList<>();
        bl.forEach(r -> entries.add(blacklist(r)));
        List<RolloutView> rollouts = new ArrayList<>();
        ro.forEach(r -> rollouts.add(PgRollouts.view(r)));
        return new PolicySnapshot(head.getLong("policy_version"), instant(head, "committed_at"), deployment, orgModes, entries, rollouts);
    }

    static BlacklistView blacklist(Row r) {
        return new BlacklistView(r.getLong("id"), r.getString("kind"), r.getString("value"), r.getString("reason"),
            r.getString("evidence"), r.getString("author"), instant(r, "created_at"), instant(r, "expires_at"),
            r.getString("removed_by"), instant(r, "removed_at"), r.getLong("version"));
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
