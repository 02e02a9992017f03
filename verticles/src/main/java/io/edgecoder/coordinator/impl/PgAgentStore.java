package io.edgecoder.coordinator.impl;

import io.edgecoder.core.Json;
import io.edgecoder.core.message.AgentStep;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agent loops in PostgreSQL: their steps, whether a job's loop is done, and the audit of cloud handoffs. */
public final class PgAgentStore {
    private final Pool pool;

    public PgAgentStore(Pool pool) {
        this.pool = pool;
    }

    /** Records the steps of one run of a job's loop (idempotent: a step recorded before is kept). */
    public Future<Void> record(String jobId, String runId, List<AgentStep> steps) {
        if (steps.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>();
        for (AgentStep s : steps) {
            batch.add(Tuple.tuple(java.util.Arrays.asList(jobId, runId, s.iteration(), s.worker(), s.model(), s.status(),
                s.promptTokens(), s.completionTokens(), s.modelMs(), s.totalMs(), Json.toJson(s))));
        }
        return pool.preparedQuery("INSERT INTO agent_steps (job_id, run_id, iteration, worker, model, status, prompt_tokens,"
                + " completion_tokens, model_ms, total_ms, step) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"
                + " ON CONFLICT (job_id, run_id, iteration) DO NOTHING")
            .executeBatch(batch).mapEmpty();
    }

    /**
     * The steps of every run of the job's loop, in the order they were recorded, each with what its test runs cost the
     * job once it was settled.
     */
    public Future<List<AgentStep>> steps(String jobId) {
        return pool.preparedQuery("SELECT step, test_charged_milli FROM agent_steps WHERE job_id = $1 ORDER BY seq")
            .execute(Tuple.of(jobId))
            .map(rows -> {
                List<AgentStep> out = new ArrayList<>();
                rows.forEach(r -> out.add(Json.fromJson(r.getJsonObject(0), AgentStep.class).withTestCharge(r.getLong(1))));
                return out;
            });
    }

    /**
     * Records the check of a run's signed measures ({@link AgentRunCheck}) and, when they were accepted, what each round
     * is paid; once per run (a repeated check changes nothing). The steps must be recorded first.
     */
    public Future<Void> checked(String jobId, String runId, String worker, long leaseWallMs, int cores,
                                AgentRunCheck.Verdict verdict) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO agent_runs (job_id, run_id, worker, lease_wall_ms,"
                + " cores, refusal) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (job_id, run_id) DO NOTHING")
            .execute(Tuple.tuple(java.util.Arrays.asList(jobId, runId, worker, leaseWallMs, cores, verdict.refusal())))
            .compose(inserted -> inserted.rowCount() == 0 ? Future.<Void>succeededFuture() : pay(conn, jobId, runId, verdict)));
    }

    /** Each accepted round's measure, attempt id and pay, on its step. */
    private static Future<Void> pay(io.vertx.sqlclient.SqlConnection conn, String jobId, String runId, AgentRunCheck.Verdict verdict) {
        if (verdict.pays().isEmpty()) {
            return Future.succeededFuture();
        }
        return conn.preparedQuery("UPDATE agent_steps SET test_cpu_ms = $4, pay_attempt = $5, pay_ms = $6"
            + " WHERE job_id = $1 AND run_id = $2 AND iteration = $3").executeBatch(pays(jobId, runId, verdict)).mapEmpty();
    }

    private static List<Tuple> pays(String jobId, String runId, AgentRunCheck.Verdict verdict) {
        List<Tuple> batch = new ArrayList<>();
        for (AgentRunCheck.Pay p : verdict.pays()) {
            batch.add(Tuple.of(jobId, runId, p.iteration(), p.cpuMs(), p.attemptId(), p.payMs()));
        }
        return batch;
    }

    /** Writes what the ledger charged the job for each paid round ({@code charges} by attempt id; others are ignored). */
    public Future<Void> charged(String jobId, Map<String, Long> charges) {
        List<String> attempts = new ArrayList<>();
        List<Long> milli = new ArrayList<>();
        charges.forEach((attempt, charge) -> {
            if (attempt.startsWith(AgentRunCheck.ATTEMPT_PREFIX)) {
                attempts.add(attempt);
                milli.add(charge);
            }
        });
        if (attempts.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery("UPDATE agent_steps a SET test_charged_milli = c.milli FROM unnest($2::text[], $3::bigint[])"
                + " AS c(attempt, milli) WHERE a.job_id = $1 AND a.pay_attempt = c.attempt")
            .execute(Tuple.of(jobId, attempts.toArray(new String[0]), milli.toArray(new Long[0]))).mapEmpty();
    }

    /** Whether the job's loop already ended with an answer (a resumed job does not ask the model again). */
    public Future<Boolean> done(String jobId) {
        return pool.preparedQuery("SELECT agent_state FROM jobs WHERE id = $1").execute(Tuple.of(jobId))
            .map(rows -> rows.size() > 0 && "done".equals(rows.iterator().next().getString(0)));
    }

    /**
     * Makes the loop's answer the job's files (the submitted ones are kept as {@code startFiles}), only while the job is still running; false when it
     * had ended meanwhile (cancelled).
     */
    public Future<Boolean> answer(String jobId, Map<String, String> files) {
        JsonObject json = new JsonObject(new LinkedHashMap<>(files));
        return pool.preparedQuery("UPDATE jobs SET spec = jsonb_set(jsonb_set(spec, '{startFiles}', spec->'files'), '{files}', $2),"
                + " agent_state = 'done'"
                + " WHERE id = $1 AND status IN ('queued','running')")
            .execute(Tuple.of(jobId, json)).map(rows -> rows.rowCount() == 1);
    }

    /** Audits a decision about handing a job's prompt to a remote provider. */
    public Future<Void> handoff(String jobId, String runId, String provider, String requester, String org, boolean allowed,
                                String reason) {
        return pool.preparedQuery("INSERT INTO agent_handoffs (job_id, run_id, provider, requester, org, allowed, reason)"
                + " VALUES ($1,$2,$3,$4,$5,$6,$7)")
            .execute(Tuple.tuple(java.util.Arrays.asList(jobId, runId, provider, requester, org, allowed, reason))).mapEmpty();
    }
}
