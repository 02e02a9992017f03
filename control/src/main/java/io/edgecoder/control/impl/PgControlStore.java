package io.edgecoder.control.impl;

import io.edgecoder.control.AuditEntry;
import io.edgecoder.control.Enrollment;
import io.edgecoder.control.TokenGrant;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Ownership;
import io.edgecoder.core.message.NodeView;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The control role's tables: enrollment tokens, nodes and the audit of decisions. Every change of
 * a token or node and its audit entry are written in one transaction, under row locks, so a token
 * is spent once and a node changes status once however many requests race.
 */
public final class PgControlStore {
    private static final String NODE_COLUMNS = "node_id, public_key, key_fingerprint, org, roles, ring, status, enrolled_at,"
        + " decided_by, decided_at, reason, cert_serial, cert_expires_at, slots";

    private final Pool pool;

    public PgControlStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> createToken(TokenGrant grant) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO control_enroll_tokens"
                + " (token_hash, org, roles, ring, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .execute(Tuple.of(grant.tokenHash(), grant.org(), String.join(",", grant.roles()), grant.ring(), grant.createdBy(),
                utc(grant.createdAt()), utc(grant.expiresAt())))
            .compose(r -> audit(conn, grant.createdAt(), grant.createdBy(), "token.create", "token:" + grant.tokenHash().substring(0, 12),
                "org " + grant.org() + ", roles " + String.join(",", grant.roles()) + ", ring " + grant.ring()
                    + ", expires " + grant.expiresAt())));
    }

    /** Spends the token and records the node as pending; refusals roll everything back. */
    public Future<NodeView> enroll(Enrollment e, Instant now) {
        return pool.withTransaction(conn -> lockToken(conn, e.tokenHash(), now)
            .compose(grant -> admit(conn, e, grant, now))
            .compose(v -> node(conn, e.nodeId(), false))
            .map(Optional::orElseThrow));
    }

    private Future<TokenGrant> lockToken(SqlConnection conn, String hash, Instant now) {
        return conn.preparedQuery("SELECT org, roles, ring, created_by, created_at, expires_at, used_at"
                + " FROM control_enroll_tokens WHERE token_hash = $1 FOR UPDATE").execute(Tuple.of(hash))
            .map(rows -> {
                if (rows.size() == 0) {
                    throw new MeshException(ErrorCode.UNAUTHORIZED, "unknown enrollment token");
                }
                Row r = rows.iterator().next();
                if (r.getOffsetDateTime("used_at") != null) {
                    throw new MeshException(ErrorCode.CONFLICT, "this enrollment token was already used; ask an admin for a new one");
                }
                Instant expires = r.getOffsetDateTime("expires_at").toInstant();
                if (!now.isBefore(expires)) {
                    throw new MeshException(ErrorCode.UNAUTHORIZED, "this enrollment token expired at " + expires);
                }
                return new TokenGrant(hash, r.getString("org"), split(r.getString("roles")), r.getString("ring"),
                    r.getString("created_by"), r.getOffsetDateTime("created_at").toInstant(), expires);
            });
    }

    private Future<Void> admit(SqlConnection conn, Enrollment e, TokenGrant grant, Instant now) {
        List<String> roles = e.roles().isEmpty() ? grant.roles() : e.roles();
        if (!Set.copyOf(grant.roles()).containsAll(roles)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "roles " + String.join(",", roles)
                + " are beyond what this token allows (" + String.join(",", grant.roles()) + ")");
        }
        return node(conn, e.nodeId(), true)
            .compose(existing -> existing.isPresent() ? reenroll(conn, existing.get(), e, grant, roles, now)
                : insertNode(conn, e, grant, roles, now))
            .compose(v -> conn.preparedQuery("UPDATE control_enroll_tokens SET used_at = $2, used_by_node = $3 WHERE token_hash = $1")
                .execute(Tuple.of(e.tokenHash(), utc(now), e.nodeId())))
            .compose(v -> audit(conn, now, e.nodeId(), "node.enroll", e.nodeId(), "token:" + e.tokenHash().substring(0, 12)
                + " of " + grant.createdBy() + ", org " + grant.org() + ", roles " + String.join(",", roles) + ", ring " + grant.ring()
                + ", key " + e.keyFingerprint()));
    }

    private Future<Void> insertNode(SqlConnection conn, Enrollment e, TokenGrant grant, List<String> roles, Instant now) {
        return conn.preparedQuery("INSERT INTO control_nodes (node_id, public_key, key_fingerprint, org, roles, ring, status,"
                + " enrolled_at, token_hash, slots) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)")
            .execute(Tuple.from(List.of(e.nodeId(), e.publicKey(), e.keyFingerprint(), grant.org(), String.join(",", roles),
                grant.ring(), utc(now), e.tokenHash(), e.slots())))
            .mapEmpty();
    }

    /** A rejected or revoked node may enroll again with a new token an admin gave it; others are refused. */
    private Future<Void> reenroll(SqlConnection conn, NodeView node, Enrollment e, TokenGrant grant, List<String> roles, Instant now) {
        if (!"rejected".equals(node.status()) && !"revoked".equals(node.status())) {
            throw new MeshException(ErrorCode.CONFLICT, "node " + node.nodeId() + " is already enrolled (" + node.status() + ")");
        }
        return conn.preparedQuery("UPDATE control_nodes SET org = $2, roles = $3, ring = $4, status = 'pending', enrolled_at = $5,"
                + " token_hash = $6, slots = $7, decided_by = NULL, decided_at = NULL, reason = NULL WHERE node_id = $1")
            .execute(Tuple.from(List.of(e.nodeId(), grant.org(), String.join(",", roles), grant.ring(), utc(now), e.tokenHash(),
                e.slots())))
            .mapEmpty();
    }

    /** Moves a node from one of {@code from} to {@code to}, recording who and why. */
    public Future<NodeView> decide(String nodeId, Set<String> from, String to, String actor, String reason, Instant now) {
        return decide(nodeId, from, to, actor, reason, now, null);
    }

    /**
     * As above, by someone who owns {@code ownerOrg} (null: an admin): a node of another
     * organisation is answered like an unknown one (404).
     */
    public Future<NodeView> decide(String nodeId, Set<String> from, String to, String actor, String reason, Instant now,
                                   String ownerOrg) {
        return pool.withTransaction(conn -> node(conn, nodeId, true)
            .compose(found -> {
                NodeView node = found.filter(n -> Ownership.mayManageNode(ownerOrg, n.org()))
                    .orElseThrow(() -> MeshException.notFound("no enrolled node " + nodeId));
                if (!from.contains(node.status())) {
                    throw new MeshException(ErrorCode.CONFLICT, "node " + nodeId + " is " + node.status()
                        + "; only a node that is " + String.join(" or ", from.stream().sorted().toList()) + " can be " + to);
                }
                return conn.preparedQuery("UPDATE control_nodes SET status = $2, decided_by = $3, decided_at = $4, reason = $5"
                        + " WHERE node_id = $1").execute(Tuple.of(nodeId, to, actor, utc(now), reason))
                    .compose(r -> audit(conn, now, actor, "node." + verb(to), nodeId, reason));
            })
            .compose(v -> node(conn, nodeId, false))
            .map(Optional::orElseThrow));
    }

    /** Records this control node itself as approved (it holds the CA); roles follow its configuration. */
    public Future<Void> recordSelf(NodeView self, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO control_nodes (node_id, public_key, key_fingerprint,"
                + " org, roles, ring, status, enrolled_at, decided_by, decided_at, reason)"
                + " VALUES ($1, $2, $3, $4, $5, 'core', 'approved', $6, 'self', $6, 'holds the deployment CA')"
                + " ON CONFLICT (node_id) DO NOTHING")
            .execute(Tuple.from(List.of(self.nodeId(), self.publicKey(), self.keyFingerprint(), self.org(),
                String.join(",", self.roles()), utc(now))))
            .compose(r -> r.rowCount() == 0
                ? conn.preparedQuery("UPDATE control_nodes SET org = $2, roles = $3 WHERE node_id = $1 AND decided_by = 'self'")
                    .execute(Tuple.of(self.nodeId(), self.org(), String.join(",", self.roles()))).mapEmpty()
                : audit(conn, now, self.nodeId(), "node.self", self.nodeId(), "holds the deployment CA; approved itself")));
    }

    public Future<Void> recordCertificate(String nodeId, String serial, Instant expires) {
        return pool.preparedQuery("UPDATE control_nodes SET cert_serial = $2, cert_expires_at = $3 WHERE node_id = $1")
            .execute(Tuple.of(nodeId, serial, utc(expires))).mapEmpty();
    }

    public Future<Optional<NodeView>> node(String nodeId) {
        return pool.withConnection(conn -> node(conn, nodeId, false));
    }

    public Future<List<NodeView>> nodes(String status, int limit) {
        return nodes(status, null, limit);
    }

    /** Nodes in {@code status} (any when null) of organisation {@code org} (every organisation when null), newest first. */
    public Future<List<NodeView>> nodes(String status, String org, int limit) {
        return pool.preparedQuery("SELECT " + NODE_COLUMNS + " FROM control_nodes WHERE ($2::text IS NULL OR status = $2)"
                + " AND ($3::text IS NULL OR org = $3) ORDER BY enrolled_at DESC LIMIT $1")
            .execute(Tuple.of(limit, status, org)).map(PgControlStore::nodes);
    }

    /** Nodes whose certificates are refused: revoked ones, and pending ones that hold a certificate (approval withdrawn). */
    public Future<List<String>> revoked() {
        return pool.query("SELECT node_id FROM control_nodes WHERE status = 'revoked'"
                + " OR (status = 'pending' AND cert_serial IS NOT NULL) ORDER BY node_id").execute()
            .map(rows -> {
                List<String> ids = new ArrayList<>();
                rows.forEach(r -> ids.add(r.getString(0)));
                return ids;
            });
    }

    /** The audit, oldest first, from {@code afterSeq} on. */
    public Future<List<AuditEntry>> audit(long afterSeq, int limit) {
        return pool.preparedQuery("SELECT seq, at, actor, action, subject, detail FROM control_audit WHERE seq > $1 ORDER BY seq LIMIT $2")
            .execute(Tuple.of(afterSeq, limit))
            .map(rows -> {
                List<AuditEntry> out = new ArrayList<>();
                rows.forEach(r -> out.add(new AuditEntry(r.getLong("seq"), r.getOffsetDateTime("at").toInstant(), r.getString("actor"),
                    r.getString("action"), r.getString("subject"), r.getString("detail"))));
                return out;
            });
    }

    public Future<Boolean> ping() {
        return pool.query("SELECT 1").execute().map(true).otherwise(false);
    }

    private static Future<Optional<NodeView>> node(SqlConnection conn, String nodeId, boolean lock) {
        return conn.preparedQuery("SELECT " + NODE_COLUMNS + " FROM control_nodes WHERE node_id = $1" + (lock ? " FOR UPDATE" : ""))
            .execute(Tuple.of(nodeId))
            .map(rows -> nodes(rows).stream().findFirst());
    }

    static Future<Void> audit(SqlConnection conn, Instant at, String actor, String action, String subject, String detail) {
        return AuditChain.append(conn, at, actor, action, subject, detail, false).mapEmpty();
    }

    private static List<NodeView> nodes(RowSet<Row> rows) {
        List<NodeView> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new NodeView(r.getString("node_id"), r.getString("public_key"), r.getString("key_fingerprint"), r.getString("org"),
                split(r.getString("roles")), r.getString("ring"), r.getString("status"), instant(r, "enrolled_at"),
                r.getString("decided_by"), instant(r, "decided_at"), r.getString("reason"), r.getString("cert_serial"),
                instant(r, "cert_expires_at"), r.getInteger("slots")));
        }
        return out;
    }

    private static String verb(String status) {
        return switch (status) {
            case "approved" -> "approve";
            case "rejected" -> "reject";
            case "revoked" -> "revoke";
            default -> status;
        };
    }

    private static List<String> split(String roles) {
        return roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
