package io.edgecoder.ledger.inference;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code ledger_allowances}: the terms of each standing allowance and where it stands. */
final class PgAllowances {
    static final String OPEN = "open";
    static final String CLOSING = "closing";
    static final String CLOSED = "closed";
    private static final String COLUMNS = "allowance_id, payer, routed_by, amount_milli, state, returned_milli, expires_at";

    private final Pool pool;

    PgAllowances(Pool pool) {
        this.pool = pool;
    }

    /** An allowance: {@code payer} is the account it came from ({@code user:<id>}). */
    record Allowance(String id, String payer, String routedBy, long amountMilli, String state, long returnedMilli,
                     Instant expiresAt) {
        boolean open() {
            return OPEN.equals(state);
        }
    }

    Future<Optional<Allowance>> find(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_allowances WHERE allowance_id = $1").execute(Tuple.of(id))
            .map(PgAllowances::first);
    }

    /** Records the allowance unless its id is recorded; resolves to the recorded one. */
    Future<Allowance> insert(Allowance a) {
        return pool.preparedQuery("INSERT INTO ledger_allowances (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (allowance_id) DO NOTHING RETURNING " + COLUMNS)
            .execute(Tuple.of(a.id(), a.payer(), a.routedBy(), a.amountMilli(), a.state(), a.returnedMilli(),
                a.expiresAt().atOffset(ZoneOffset.UTC)))
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(first(rows).orElseThrow())
                : find(a.id()).map(Optional::orElseThrow));
    }

    /** Forgets a grant the ledger refused (its hold was never written, no call drew on it). */
    Future<Void> forget(String id) {
        return pool.preparedQuery("DELETE FROM ledger_allowances a WHERE allowance_id = $1 AND state = 'open'"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_inference_calls c WHERE c.allowance_id = a.allowance_id)")
            .execute(Tuple.of(id)).mapEmpty();
    }

    /** Takes no new draws on the allowance; resolves to it as stored. */
    Future<Allowance> retire(String id) {
        return pool.preparedQuery("UPDATE ledger_allowances SET state = 'closing' WHERE allowance_id = $1 AND state = 'open'")
            .execute(Tuple.of(id)).compose(v -> find(id).map(Optional::orElseThrow));
    }

    /** Takes no new draws on any allowance of a routing node that left; resolves to how many. */
    Future<Integer> retireRouter(String routedBy) {
        return pool.preparedQuery("UPDATE ledger_allowances SET state = 'closing' WHERE routed_by = $1 AND state = 'open'")
            .execute(Tuple.of(routedBy)).map(RowSet::rowCount);
    }

    /** Marks it closed with what went back (an allowance closed already stays as it was). */
    Future<Allowance> closed(String id, long returnedMilli) {
        return pool.preparedQuery("UPDATE ledger_allowances SET state = 'closed', returned_milli = $2, closed_at = now()"
                + " WHERE allowance_id = $1 AND state <> 'closed'").execute(Tuple.of(id, returnedMilli))
            .compose(v -> find(id).map(Optional::orElseThrow));
    }

    /** Allowances to finish: retired ones, and open ones that expired before {@code now}; oldest first. */
    Future<List<Allowance>> due(Instant now, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_allowances WHERE state = 'closing'"
                + " OR (state = 'open' AND expires_at < $1) ORDER BY expires_at LIMIT $2")
            .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
            .map(rows -> {
                List<Allowance> out = new ArrayList<>();
                rows.forEach(r -> out.add(allowance(r)));
                return out;
            });
    }

    /** The balance of a ledger account (0 when it has none). */
    Future<Long> balance(String account) {
        return pool.preparedQuery("SELECT balance_milli FROM ledger_accounts WHERE account = $1").execute(Tuple.of(account))
            .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    private static Optional<Allowance> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(allowance(rows.iterator().next()));
    }

    private static Allowance allowance(Row r) {
        OffsetDateTime expires = r.getOffsetDateTime(6);
        return new Allowance(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getLong(5),
            expires.toInstant());
    }
}
