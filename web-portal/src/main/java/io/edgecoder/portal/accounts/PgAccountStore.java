package io.edgecoder.portal.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Accounts, single-use mail tokens and the security audit in PostgreSQL. */
public final class PgAccountStore {
    private static final String COLUMNS = "id, email, email_verified, password_hash, roles, org, disabled, created_at";

    private final Pool pool;

    public PgAccountStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<Optional<Account>> byEmail(String email) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM accounts WHERE email = $1").execute(Tuple.of(email))
            .map(PgAccountStore::first);
    }

    public Future<Optional<Account>> byId(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = $1").execute(Tuple.of(id))
            .map(PgAccountStore::first);
    }

    /** Inserts {@code account}; empty when its email is taken. */
    public Future<Optional<Account>> insert(SqlClient client, Account account) {
        return client.preparedQuery("INSERT INTO accounts (id, email, email_verified, password_hash, roles, org, disabled, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING RETURNING " + COLUMNS)
            .execute(Tuple.of(account.id(), account.email(), account.emailVerified(), account.passwordHash(),
                account.roles().toArray(String[]::new), account.org()).addValue(account.disabled()).addValue(utc(account.createdAt())))
            .map(PgAccountStore::first);
    }

    public Future<Void> setPassword(SqlClient client, String accountId, String hash) {
        return client.preparedQuery("UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1")
            .execute(Tuple.of(accountId, hash)).mapEmpty();
    }

    /** Replaces the stored hash only if it is still {@code old} (a concurrent change wins). */
    public Future<Void> rehash(String accountId, String old, String hash) {
        return pool.preparedQuery("UPDATE accounts SET password_hash = $3, updated_at = now() WHERE id = $1 AND password_hash = $2")
            .execute(Tuple.of(accountId, old, hash)).mapEmpty();
    }

    public Future<Optional<Account>> update(String id, Set<String> roles, String org, Boolean disabled) {
        return pool.preparedQuery("UPDATE accounts SET roles = COALESCE($2, roles), org = CASE WHEN $3::boolean THEN $4 ELSE org END,"
                + " disabled = COALESCE($5, disabled), updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
            .execute(Tuple.of(id, roles == null ? null : roles.toArray(String[]::new), org != null, org, disabled))
            .map(PgAccountStore::first);
    }

    public Future<java.util.List<Account>> list(int limit, String after) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM accounts WHERE ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $1")
            .execute(Tuple.of(limit, after))
            .map(rows -> {
                java.util.List<Account> out = new java.util.ArrayList<>();
                rows.forEach(r -> out.add(account(r)));
                return out;
            });
    }

    /** Stores a mail token (its hash) for {@code purpose}: signup (with the pending password hash) or reset. */
    public Future<Void> insertMailToken(byte[] hash, String purpose, String email, String accountId, String passwordHash,
                                        Instant now, Instant expires) {
        return pool.preparedQuery("INSERT INTO mail_tokens (token_hash, purpose, email, account_id, password_hash, created_at,"
                + " expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .execute(Tuple.of(hash, purpose, email, accountId, passwordHash, utc(now)).addValue(utc(expires))).mapEmpty();
    }

    /** A used mail token: who it was for. */
    public record MailToken(String email, String accountId, String passwordHash) {
        @Override
        public String toString() {
            return "MailToken[accountId=" + accountId + "]";
        }
    }

    /** Marks the token used, once: empty when unknown, used, expired or of another purpose. */
    public Future<Optional<MailToken>> useMailToken(SqlClient client, byte[] hash, String purpose, Instant now) {
        return client.preparedQuery("UPDATE mail_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL"
                + " AND expires_at > $3 RETURNING email, account_id, password_hash")
            .execute(Tuple.of(hash, purpose, utc(now)))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mailToken(rows.iterator().next())));
    }

    /** Ends every unused token of {@code email} for {@code purpose} (a newer one replaces them). */
    public Future<Void> retireMailTokens(String email, String purpose, Instant now) {
        return pool.preparedQuery("UPDATE mail_tokens SET used_at = $3 WHERE email = $1 AND purpose = $2 AND used_at IS NULL")
            .execute(Tuple.of(email, purpose, utc(now))).mapEmpty();
    }

    public Future<Void> audit(String accountId, String actor, String event, String address, JsonObject detail) {
        return pool.preparedQuery("INSERT INTO account_audit (account_id, actor, event, address, detail) VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(accountId, actor, event, address, detail == null ? new JsonObject() : detail)).mapEmpty();
    }

    /** Audit entries of one account (all when null), newest first. */
    public Future<RowSet<Row>> auditOf(String accountId, int limit, Long before) {
        return pool.preparedQuery("SELECT id, at, account_id, actor, event, address, detail FROM account_audit"
                + " WHERE ($1::text IS NULL OR account_id = $1) AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $2")
            .execute(Tuple.of(accountId, limit, before));
    }

    /** Deletes expired and used mail tokens older than {@code before}. */
    public Future<Void> purgeMailTokens(Instant before) {
        return pool.preparedQuery("DELETE FROM mail_tokens WHERE expires_at < $1").execute(Tuple.of(utc(before))).mapEmpty();
    }

    private static Optional<Account> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(account(rows.iterator().next()));
    }

    static Account account(Row r) {
        return new Account(r.getString("id"), r.getString("email"), r.getBoolean("email_verified"), r.getString("password_hash"),
            new LinkedHashSet<>(Arrays.asList(r.getArrayOfStrings("roles"))), r.getString("org"), r.getBoolean("disabled"),
            r.getOffsetDateTime("created_at").toInstant());
    }

    private static MailToken mailToken(Row r) {
        return new MailToken(r.getString("email"), r.getString("account_id"), r.getString("password_hash"));
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
