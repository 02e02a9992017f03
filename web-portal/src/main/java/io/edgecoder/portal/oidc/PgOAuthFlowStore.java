package io.edgecoder.portal.oidc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Started sign-ins in PostgreSQL ({@code oauth_flows}), so any portal node can take the callback. */
public final class PgOAuthFlowStore {
    private final Pool pool;

    public PgOAuthFlowStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a flow, first dropping expired ones (the table holds at most a flow lifetime's worth). */
    public Future<Void> save(OAuthFlow flow, Instant now) {
        return pool.preparedQuery("DELETE FROM oauth_flows WHERE expires_at < $1").execute(Tuple.of(utc(now)))
            .compose(v -> pool.preparedQuery("INSERT INTO oauth_flows (state, provider, binding_hash, code_verifier, nonce,"
                    + " link_account, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.of(flow.state(), flow.provider(), Buffer.buffer(flow.bindingHash()), flow.codeVerifier(),
                    flow.nonce(), flow.linkAccount(), utc(flow.expiresAt()))))
            .mapEmpty();
    }

    /** Removes and answers the flow of {@code state}: a second callback with the same state finds nothing. */
    public Future<Optional<OAuthFlow>> take(String state) {
        return pool.preparedQuery("DELETE FROM oauth_flows WHERE state = $1 RETURNING state, provider, binding_hash,"
                + " code_verifier, nonce, link_account, expires_at")
            .execute(Tuple.of(state))
            .map(PgOAuthFlowStore::first);
    }

    private static Optional<OAuthFlow> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        return Optional.of(new OAuthFlow(r.getString("state"), r.getString("provider"), r.getBuffer("binding_hash").getBytes(),
            r.getString("code_verifier"), r.getString("nonce"), r.getString("link_account"),
            r.getOffsetDateTime("expires_at").toInstant()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
