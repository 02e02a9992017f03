package io.edgecoder.portal.passkeys;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.webauthn4j.Authenticator;
import io.vertx.ext.auth.webauthn4j.CredentialStorage;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Passkeys in PostgreSQL ({@code passkeys}). As the WebAuthn4J credential storage, the
 * "user name" is the account id. The rest serves the passkey routes: list, label, remove.
 */
public final class PgPasskeyStore implements CredentialStorage {
    private static final String COLUMNS = "account_id, credential_id, public_key, sign_count, aaguid, fmt, flags";

    private final Pool pool;
    private final Clock clock;

    public PgPasskeyStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Future<List<Authenticator>> find(String userName, String credentialId) {
        if (credentialId != null) {
            return pool.preparedQuery("SELECT " + COLUMNS + " FROM passkeys WHERE credential_id = $1"
                    + (userName == null ? "" : " AND account_id = $2"))
                .execute(userName == null ? Tuple.of(credentialId) : Tuple.of(credentialId, userName))
                .map(PgPasskeyStore::authenticators);
        }
        if (userName == null) {
            return Future.succeededFuture(List.of());
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM passkeys WHERE account_id = $1").execute(Tuple.of(userName))
            .map(PgPasskeyStore::authenticators);
    }

    @Override
    public Future<Void> storeCredential(Authenticator a) {
        return pool.preparedQuery("INSERT INTO passkeys (account_id, credential_id, public_key, sign_count, aaguid, fmt, flags,"
                + " created_at) SELECT id, $2, $3, $4, $5, $6, $7, $8 FROM accounts WHERE id = $1")
            .execute(Tuple.of(a.getUsername(), a.getCredID(), a.getPublicKey(), a.getCounter(), a.getAaguid(), a.getFmt(),
                a.getFlags(), now()))
            .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
                ? new MeshException(io.edgecoder.core.ErrorCode.CONFLICT, "this passkey is already registered") : e))
            .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
                : Future.failedFuture(MeshException.notFound("account not found")));
    }

    @Override
    public Future<Void> updateCounter(Authenticator a) {
        return pool.preparedQuery("UPDATE passkeys SET sign_count = $2, last_used_at = $3 WHERE credential_id = $1")
            .execute(Tuple.of(a.getCredID(), a.getCounter(), now()))
            .mapEmpty();
    }

    /** Names a just-registered passkey. */
    public Future<JsonObject> label(String accountId, String credentialId, String label) {
        return pool.preparedQuery("UPDATE passkeys SET label = $3 WHERE account_id = $1 AND credential_id = $2"
                + " RETURNING id, label, created_at, last_used_at")
            .execute(Tuple.of(accountId, credentialId, label))
            .map(rows -> view(rows.iterator().next()));
    }

    public Future<Integer> count(String accountId) {
        return pool.preparedQuery("SELECT count(*) FROM passkeys WHERE account_id = $1").execute(Tuple.of(accountId))
            .map(rows -> rows.iterator().next().getInteger(0));
    }

    public Future<JsonArray> list(String accountId) {
        return pool.preparedQuery("SELECT id, label, created_at, last_used_at FROM passkeys WHERE account_id = $1 ORDER BY id")
            .execute(Tuple.of(accountId))
            .map(rows -> {
                JsonArray out = new JsonArray();
                rows.forEach(r -> out.add(view(r)));
                return out;
            });
    }

    /** Removes one passkey of the account; false if it has none of that id. */
    public Future<Boolean> remove(String accountId, long id) {
        return pool.preparedQuery("DELETE FROM passkeys WHERE account_id = $1 AND id = $2").execute(Tuple.of(accountId, id))
            .map(rows -> rows.rowCount() == 1);
    }

    private static JsonObject view(Row r) {
        OffsetDateTime used = r.getOffsetDateTime("last_used_at");
        return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("label"))
            .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
            .put("lastUsedAt", used == null ? null : used.toInstant().toString());
    }

    private static List<Authenticator> authenticators(RowSet<Row> rows) {
        List<Authenticator> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Authenticator().setUsername(r.getString("account_id")).setType("public-key")
                .setCredID(r.getString("credential_id")).setPublicKey(r.getString("public_key"))
                .setCounter(r.getLong("sign_count")).setAaguid(r.getString("aaguid")).setFmt(r.getString("fmt"))
                .setFlags(r.getInteger("flags")));
        }
        return out;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
