package io.edgecoder.portal.wallet;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Payout destinations in the accounts database (migration {@code V003__payout.sql}). One statement per method. */
public final class PgPayouts {
    private final Pool pool;

    public PgPayouts(Pool pool) {
        this.pool = pool;
    }

    /** A stored destination and when it was last set. */
    public record Stored(PayoutDestination destination, String network, Instant updatedAt) {
    }

    public Future<Optional<Stored>> get(String accountId) {
        return pool.preparedQuery("SELECT kind, address, network, updated_at FROM payout_destinations WHERE account_id = $1")
            .execute(Tuple.of(accountId))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    /** Sets (or replaces) the account's destination. */
    public Future<Stored> set(String accountId, PayoutDestination destination, String network, Instant now) {
        return pool.preparedQuery("INSERT INTO payout_destinations (account_id, kind, address, network, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id) DO UPDATE SET kind = $2, address = $3, network = $4,"
                + " updated_at = $5 RETURNING kind, address, network, updated_at")
            .execute(Tuple.of(accountId, destination.kind(), destination.address(), network, now.atOffset(ZoneOffset.UTC)))
            .map(rows -> stored(rows.iterator().next()));
    }

    /** Removes the account's destination; the removed one, or empty when there was none. */
    public Future<Optional<Stored>> remove(String accountId) {
        return pool.preparedQuery("DELETE FROM payout_destinations WHERE account_id = $1 RETURNING kind, address, network, updated_at")
            .execute(Tuple.of(accountId))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(stored(rows.iterator().next())));
    }

    private static Stored stored(Row r) {
        return new Stored(new PayoutDestination(r.getString("kind"), r.getString("address")), r.getString("network"),
            r.getOffsetDateTime("updated_at").toInstant());
    }
}
