package io.edgecoder.portal.accounts;

import static io.edgecoder.portal.accounts.PgAccountStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Sessions and personal API tokens in PostgreSQL, looked up by the hash of the secret the client
 * holds. A lookup joins the account, so one query answers who is calling and with which roles.
 */
public final class PgCredentialStore {
    private static final String ACCOUNT = "a.id, a.email, a.email_verified, a.password_hash, a.roles, a.org, a.disabled, a.created_at";

    private final Pool pool;

    public PgCredentialStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** A live session and its account. */
    public record SessionHit(Account account, String method, Instant lastSeenAt, Instant expiresAt) {
    }

    public Future<Void> insertSession(byte[] idHash, String accountId, String method, Instant now, Instant expires, String address,
                                      String userAgent) {
        return pool.preparedQuery("INSERT INTO sessions (id_hash, account_id, method, created_at, last_seen_at, expires_at, address,"
                + " user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)")
            .execute(Tuple.of(idHash, accountId, method, utc(now), utc(expires), address, userAgent)).mapEmpty();
    }

    /** The session if it exists, has not expired and was used after {@code idleSince}, with an enabled account. */
    public Future<Optional<SessionHit>> session(byte[] idHash, Instant now, Instant idleSince) {
        return pool.preparedQuery("SELECT s.method, s.last_seen_at, s.expires_at, " + ACCOUNT + " FROM sessions s JOIN accounts a"
                + " ON a.id = s.account_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT a.disabled")
            .execute(Tuple.of(idHash, utc(now), utc(idleSince)))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(sessionHit(rows.iterator().next())));
    }

    /** When the session of {@code accountId} with this hash was started (its sign-in), or empty when there is none. */
    public Future<Optional<Instant>> sessionStarted(byte[] idHash, String accountId) {
        return pool.preparedQuery("SELECT created_at FROM sessions WHERE id_hash = $1 AND account_id = $2")
            .execute(Tuple.of(idHash, accountId))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(instant(rows.iterator().next(), "created_at")));
    }

    public Future<Void> touchSession(byte[] idHash, Instant now) {
        return pool.preparedQuery("UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1").execute(Tuple.of(idHash, utc(now)))
            .mapEmpty();
    }

    public Future<Boolean> deleteSession(byte[] idHash) {
        return pool.preparedQuery("DELETE FROM sessions WHERE id_hash = $1").execute(Tuple.of(idHash)).map(r -> r.rowCount() > 0);
    }

    /** Deletes one session of {@code accountId} by its listed id (a prefix of the hash); false when none. */
    public Future<List<byte[]>> deleteSessionById(String accountId, String listedId) {
        return pool.preparedQuery("DELETE FROM sessions WHERE account_id = $1 AND encode(id_hash, 'hex') LIKE $2 || '%' RETURNING id_hash")
            .execute(Tuple.of(accountId, listedId)).map(PgCredentialStore::hashes);
    }

    /** Deletes every session of the account; answers their hashes (for cache eviction). */
    public Future<List<byte[]>> deleteSessions(SqlClient client, String accountId) {
        return client.preparedQuery("DELETE FROM sessions WHERE account_id = $1 RETURNING id_hash").execute(Tuple.of(accountId))
            .map(PgCredentialStore::hashes);
    }

    public Future<List<SessionInfo>> sessions(String accountId, Instant now) {
        return pool.preparedQuery("SELECT id_hash, method, created_at, last_seen_at, expires_at, address, user_agent FROM sessions"
                + " WHERE account_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC LIMIT 200")
            .execute(Tuple.of(accountId, utc(now)))
            .map(rows -> {
                List<SessionInfo> out = new ArrayList<>();
                rows.forEach(r -> out.add(new SessionInfo(listedId(r.getBuffer("id_hash").getBytes()), r.getString("method"),
                    instant(r, "created_at"), instant(r, "last_seen_at"), instant(r, "expires_at"), r.getString("address"),
                    r.getString("user_agent"))));
                return out;
            });
    }

    /** The id a session is listed under: the first 16 hex digits of its stored hash (not a credential). */
    public static String listedId(byte[] idHash) {
        return java.util.HexFormat.of().formatHex(idHash, 0, 8);
    }

    /** A live token and its account. */
    public record TokenHit(Account account, String tokenId, java.util.Set<String> scopes, Instant expiresAt, Instant lastUsedAt) {
    }

    public Future<Void> insertToken(ApiToken token, byte[] hash) {
        return pool.preparedQuery("INSERT INTO api_tokens (id, account_id, name, token_hash, scopes, created_at, expires_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .execute(Tuple.of(token.id(), token.accountId(), token.name(), hash, token.scopes().toArray(String[]::new),
                utc(token.createdAt())).addValue(utc(token.expiresAt())))
            .mapEmpty();
    }

    public Future<Optional<TokenHit>> token(byte[] hash, Instant now) {
        return pool.preparedQuery("SELECT t.id AS token_id, t.scopes, t.expires_at, t.last_used_at, " + ACCOUNT + " FROM api_tokens t"
                + " JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2"
                + " AND NOT a.disabled")
            .execute(Tuple.of(hash, utc(now)))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(tokenHit(rows.iterator().next())));
    }

    public Future<Void> tokenUsed(String tokenId, Instant now) {
        return pool.preparedQuery("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1").execute(Tuple.of(tokenId, utc(now)))
            .mapEmpty();
    }

    public Future<List<ApiToken>> tokens(String accountId) {
        return pool.preparedQuery("SELECT id, account_id, name, scopes, created_at, expires_at, last_used_at, revoked_at"
                + " FROM api_tokens WHERE account_id = $1 ORDER BY created_at DESC LIMIT 500")
            .execute(Tuple.of(accountId))
            .map(rows -> {
                List<ApiToken> out = new ArrayList<>();
                rows.forEach(r -> out.add(apiToken(r)));
                return out;
            });
    }

    /** Revokes a token of {@code accountId} (any account's when null); answers its hash, empty when none. */
    public Future<Optional<byte[]>> revokeToken(String tokenId, String accountId, Instant now) {
        return pool.preparedQuery("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1"
                + " AND ($2::text IS NULL OR account_id = $2) RETURNING token_hash")
            .execute(Tuple.of(tokenId, accountId, utc(now)))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getBuffer(0).getBytes()));
    }

    private static SessionHit sessionHit(Row r) {
        return new SessionHit(PgAccountStore.account(r), r.getString("method"), instant(r, "last_seen_at"), instant(r, "expires_at"));
    }

    private static TokenHit tokenHit(Row r) {
        return new TokenHit(PgAccountStore.account(r), r.getString("token_id"),
            new LinkedHashSet<>(Arrays.asList(r.getArrayOfStrings("scopes"))), instant(r, "expires_at"), instant(r, "last_used_at"));
    }

    private static ApiToken apiToken(Row r) {
        return new ApiToken(r.getString("id"), r.getString("account_id"), r.getString("name"),
            new LinkedHashSet<>(Arrays.asList(r.getArrayOfStrings("scopes"))), instant(r, "created_at"), instant(r, "expires_at"),
            instant(r, "last_used_at"), instant(r, "revoked_at"));
    }

    private static List<byte[]> hashes(io.vertx.sqlclient.RowSet<Row> rows) {
        List<byte[]> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getBuffer(0).getBytes()));
        return out;
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
