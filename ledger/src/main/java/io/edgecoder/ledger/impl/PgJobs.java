package io.edgecoder.ledger.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Job holds: the budget and the price fixed when the hold was placed. */
final class PgJobs {
    private final Pool pool;

    PgJobs(Pool pool) {
        this.pool = pool;
    }

    /**
     * The job's hold; its budget is what is left of it after the escrows of the job's model calls (entries of kind
     * {@code hold} from {@code hold:<job>} to {@code call:<id>}, docs/inference.md), which are settled on their own.
     */
    Future<Optional<SettlementMath.Hold>> find(String jobId) {
        return pool.preparedQuery("SELECT requester, budget_milli - coalesce((SELECT sum(amount_milli) FROM ledger_entries"
                + " WHERE from_account = 'hold:' || $1 AND kind = 'hold'), 0), price_milli FROM ledger_jobs WHERE job_id = $1")
            .execute(Tuple.of(jobId))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(hold(rows.iterator().next())));
    }

    /**
     * Records the hold unless one is recorded; resolves to the recorded one (the inserted row in the
     * same statement; only when another hold came first is it read back).
     */
    Future<SettlementMath.Hold> record(String jobId, SettlementMath.Hold hold, long holdSeq) {
        return pool.preparedQuery("INSERT INTO ledger_jobs (job_id, requester, budget_milli, price_milli, hold_seq)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (job_id) DO NOTHING RETURNING requester, budget_milli, price_milli")
            .execute(Tuple.of(jobId, hold.requester(), hold.budgetMilli(), hold.priceMilli(), holdSeq))
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(hold(rows.iterator().next()))
                : find(jobId).map(Optional::orElseThrow));
    }

    private static SettlementMath.Hold hold(Row r) {
        return new SettlementMath.Hold(r.getString(0), r.getLong(1), r.getLong(2));
    }
}
