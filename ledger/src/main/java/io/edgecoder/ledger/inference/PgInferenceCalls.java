package io.edgecoder.ledger.inference;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code ledger_inference_calls}: the terms of each escrowed chat call and its outcome. */
final class PgInferenceCalls {
    private static final String COLUMNS = "call_id, actor, job_id, payer, refund, model, model_class, prompt_price_milli,"
        + " completion_price_milli, prompt_chars, messages, reserved_milli, held_milli, routed_by, state, payee, charged_milli,"
        + " allowance_id";

    private final Pool pool;

    PgInferenceCalls(Pool pool) {
        this.pool = pool;
    }

    /** The terms of a call and where it stands. */
    record Call(String callId, String actor, String jobId, String payer, String refund, String model, String modelClass,
                long promptPriceMilli, long completionPriceMilli, long promptChars, int messages, long reservedMilli,
                long heldMilli, String routedBy, String state, String payee, long chargedMilli, String allowanceId) {
        boolean open() {
            return "reserved".equals(state);
        }
    }

    /** What a served call used, as recorded. */
    record Usage(String servedBy, String provider, long promptTokens, long completionTokens, long millis, boolean estimated) {
    }

    Future<Optional<Call>> find(String callId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_inference_calls WHERE call_id = $1")
            .execute(Tuple.of(callId))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(call(rows.iterator().next())));
    }

    /** Records the call unless one with its id is recorded; resolves to the recorded one (read back only when another came first). */
    Future<Call> insert(Call c) {
        return pool.preparedQuery("INSERT INTO ledger_inference_calls (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7,"
                + " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT (call_id) DO NOTHING RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {c.callId(), c.actor(), c.jobId(), c.payer(), c.refund(), c.model(), c.modelClass(),
                c.promptPriceMilli(), c.completionPriceMilli(), c.promptChars(), c.messages(), c.reservedMilli(), c.heldMilli(),
                c.routedBy(), c.state(), c.payee(), c.chargedMilli(), c.allowanceId()}))
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(call(rows.iterator().next()))
                : find(c.callId()).map(Optional::orElseThrow));
    }

    /**
     * Records a call drawn from an allowance, only while the allowance is open: the allowance's row is share-locked by
     * the insert, so retiring it waits for the insert, and a retire that came first makes the insert write nothing. So
     * when a retired allowance shows no open call, none can appear later. Resolves to the call as recorded (one that
     * came first with the same id), or empty when the allowance is not open.
     */
    Future<Optional<Call>> insertDrawn(Call c) {
        return pool.preparedQuery("INSERT INTO ledger_inference_calls (" + COLUMNS + ") SELECT $1::text, $2::text, $3::text,"
                + " $4::text, $5::text, $6::text, $7::text, $8::bigint, $9::bigint, $10::bigint, $11::int, $12::bigint, $13::bigint,"
                + " $14::text, $15::text, $16::text, $17::bigint, $18::text FROM ledger_allowances a"
                + " WHERE a.allowance_id = $18::text AND a.state = 'open' FOR SHARE ON CONFLICT (call_id) DO NOTHING RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {c.callId(), c.actor(), c.jobId(), c.payer(), c.refund(), c.model(), c.modelClass(),
                c.promptPriceMilli(), c.completionPriceMilli(), c.promptChars(), c.messages(), c.reservedMilli(), c.heldMilli(),
                c.routedBy(), c.state(), c.payee(), c.chargedMilli(), c.allowanceId()}))
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(Optional.of(call(rows.iterator().next()))) : find(c.callId()));
    }

    /** Forgets an escrow the ledger refused (nothing was written for it), so the id may be tried again. */
    Future<Void> forget(String callId) {
        return pool.preparedQuery("DELETE FROM ledger_inference_calls WHERE call_id = $1 AND state = 'reserved'")
            .execute(Tuple.of(callId)).mapEmpty();
    }

    /** Marks an open call closed with its outcome (a call closed already stays as it was); resolves to the call as stored. */
    Future<Call> close(String callId, String state, String payee, long chargedMilli, Usage usage, Integer failureCode) {
        Usage u = usage == null ? new Usage(null, null, 0, 0, 0, false) : usage;
        return pool.preparedQuery("UPDATE ledger_inference_calls SET state = $2, payee = $3, charged_milli = $4, served_by = $5,"
                + " provider = $6, prompt_tokens = $7, completion_tokens = $8, millis = $9, estimated = $10, failure_code = $11,"
                + " closed_at = now() WHERE call_id = $1 AND state = 'reserved' RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {callId, state, payee, chargedMilli, u.servedBy(), u.provider(), u.promptTokens(),
                u.completionTokens(), u.millis(), u.estimated(), failureCode}))
            .compose(rows -> rows.size() > 0 ? Future.succeededFuture(call(rows.iterator().next()))
                : find(callId).map(Optional::orElseThrow));
    }

    /** A job's budget hold: its requester and what is left in {@code hold:<job>}. */
    record JobHold(String requester, long balanceMilli) {
    }

    /** The job's budget hold, when the job has one (one query: the hold and its account's balance). */
    Future<Optional<JobHold>> hold(String jobId) {
        if (jobId == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return pool.preparedQuery("SELECT j.requester, coalesce(a.balance_milli, 0) FROM ledger_jobs j LEFT JOIN ledger_accounts a"
                + " ON a.account = 'hold:' || j.job_id WHERE j.job_id = $1").execute(Tuple.of(jobId))
            .map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(new JobHold(rows.iterator().next().getString(0), rows.iterator().next().getLong(1))));
    }

    /** Calls still open that were authorized before {@code before}, oldest first, at most {@code limit}. */
    Future<List<Call>> openBefore(Instant before, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_inference_calls WHERE state = 'reserved' AND created_at < $1"
                + " ORDER BY created_at LIMIT $2")
            .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), limit))
            .map(rows -> {
                List<Call> out = new ArrayList<>();
                rows.forEach(r -> out.add(call(r)));
                return out;
            });
    }

    /** What calls drawn from an allowance stand at: how many are open, and what the closed ones were charged. */
    record Drawn(int open, long chargedMilli) {
    }

    Future<Drawn> drawn(String allowanceId) {
        return pool.preparedQuery("SELECT count(*) FILTER (WHERE state = 'reserved'), coalesce(sum(charged_milli), 0)::bigint"
                + " FROM ledger_inference_calls WHERE allowance_id = $1").execute(Tuple.of(allowanceId))
            .map(rows -> new Drawn(rows.iterator().next().getLong(0).intValue(), rows.iterator().next().getLong(1)));
    }

    private static Call call(Row r) {
        return new Call(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getString(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getInteger(10), r.getLong(11), r.getLong(12),
            r.getString(13), r.getString(14), r.getString(15), r.getLong(16), r.getString(17));
    }
}
