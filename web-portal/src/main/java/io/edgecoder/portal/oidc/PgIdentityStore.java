package io.edgecoder.portal.oidc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Links of provider identities (provider, subject) to accounts, in {@code oauth_identities}. */
public final class PgIdentityStore {
    private final Pool pool;

    public PgIdentityStore(Pool pool) {
        this.pool = pool;
    }

    /** The account an identity is linked to, marking it used now. */
    public Future<Optional<String>> accountOf(String provider, String subject, Instant now) {
        return pool.preparedQuery("UPDATE oauth_identities SET last_used_at = $3 WHERE provider = $1 AND subject = $2"
                + " RETURNING account_id")
            .execute(Tuple.of(provider, subject, now.atOffset(ZoneOffset.UTC)))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /**
     * Links an identity to an account. Answers false if the identity is already linked (to any
     * account): a link is never moved silently.
     */
    public Future<Boolean> link(String provider, String subject, String accountId, String email, Instant now) {
        return pool.preparedQuery("INSERT INTO oauth_identities (provider, subject, account_id, email, linked_at, last_used_at)"
                + " VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (provider, subject) DO NOTHING")
            .execute(Tuple.of(provider, subject, accountId, email, now.atOffset(ZoneOffset.UTC)))
            .map(rows -> rows.rowCount() == 1);
    }

    /** What {@link #unlink} did. */
    public enum Unlinked { REMOVED, NONE, LAST_SIGN_IN }

    /**
     * Removes the account's identity at {@code provider}, unless it is the account's only way to
     * sign in (no password, no passkey, no other provider). The account row is locked for the
     * check, so two unlinks at once cannot both pass it.
     */
    public Future<Unlinked> unlink(String accountId, String provider) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT password_hash IS NOT NULL"
                    + " OR EXISTS (SELECT 1 FROM passkeys p WHERE p.account_id = a.id)"
                    + " OR EXISTS (SELECT 1 FROM oauth_identities o WHERE o.account_id = a.id AND o.provider <> $2)"
                    + " FROM accounts a WHERE a.id = $1 FOR UPDATE")
                .execute(Tuple.of(accountId, provider))
                .compose(rows -> {
                    boolean another = rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0));
                    return tx.preparedQuery("SELECT 1 FROM oauth_identities WHERE account_id = $1 AND provider = $2")
                        .execute(Tuple.of(accountId, provider))
                        .compose(linked -> linked.size() == 0 ? Future.succeededFuture(Unlinked.NONE)
                            : !another ? Future.succeededFuture(Unlinked.LAST_SIGN_IN)
                            : tx.preparedQuery("DELETE FROM oauth_identities WHERE account_id = $1 AND provider = $2")
                                .execute(Tuple.of(accountId, provider)).map(Unlinked.REMOVED));
                }));
    }

    /** The identities linked to an account, for {@code GET /api/v1/oauth/identities}. */
    public Future<JsonArray> list(String accountId) {
        return pool.preparedQuery("SELECT provider, email, linked_at, last_used_at FROM oauth_identities WHERE account_id = $1"
                + " ORDER BY linked_at")
            .execute(Tuple.of(accountId))
            .map(rows -> {
                JsonArray out = new JsonArray();
                for (Row r : rows) {
                    out.add(view(r));
                }
                return out;
            });
    }

    private static JsonObject view(Row r) {
        return new JsonObject().put("provider", r.getString("provider")).put("email", r.getString("email"))
            .put("linkedAt", r.getOffsetDateTime("linked_at").toInstant().toString())
            .put("lastUsedAt", r.getOffsetDateTime("last_used_at") == null ? null
                : r.getOffsetDateTime("last_used_at").toInstant().toString());
    }
}
