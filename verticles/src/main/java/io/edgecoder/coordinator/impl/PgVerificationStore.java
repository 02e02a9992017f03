package io.edgecoder.coordinator.impl;

import io.edgecoder.core.Json;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.RunSubtaskReply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims (every signed result a worker returned, and its verdict), the subtask's verified outcome,
 * and each node's reputation, in PostgreSQL (migration V004). Every method is one statement or
 * one transaction.
 */
public final class PgVerificationStore {
    private final Pool pool;

    public PgVerificationStore(Pool pool) {
        this.pool = pool;
    }

    /** A claim that passed the check, awaiting comparison. */
    public Future<Void> claimAccepted(String subtaskId, Claim c) {
        RunSubtaskReply r = c.reply();
        return insertClaim(Arrays.asList(c.attemptId(), subtaskId, c.leaseId(), c.workerId(), c.trusted(), r.status(),
            c.resultDigest(), r.cpuMs(), r.wallMs(), c.leaseWallMs(), c.capMs(), r.signature(), "pending", null));
    }

    /** A reply refused by the check; the reason also joins the subtask's {@code refused} list. */
    public Future<Void> claimRefused(String subtaskId, String attemptId, String leaseId, String worker, boolean trusted,
                                     RunSubtaskReply r, long leaseWallMs, String reason) {
        List<Object> values = Arrays.asList(attemptId, subtaskId, leaseId, worker, trusted, r.status(), null, r.cpuMs(),
            r.wallMs(), leaseWallMs, null, clip(r.signature(), 200), "refused", reason);
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT_CLAIM).execute(Tuple.tuple(values))
            .compose(v -> conn.preparedQuery("UPDATE subtasks SET refused = refused || $2 WHERE id = $1")
                .execute(Tuple.of(subtaskId, new JsonArray().add(attemptId + ": " + reason))))
            .mapEmpty());
    }

    private static final String INSERT_CLAIM = "INSERT INTO subtask_claims (attempt_id, subtask_id, lease_id, worker, trusted,"
        + " status, result_digest, cpu_ms, wall_ms, lease_wall_ms, cap_ms, signature, verdict, reason)"
        + " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (attempt_id) DO NOTHING";

    private Future<Void> insertClaim(List<Object> values) {
        return pool.preparedQuery(INSERT_CLAIM).execute(Tuple.tuple(values)).mapEmpty();
    }

    /**
     * The subtask's final result and each claim's verdict, in one transaction: {@code reply} is the
     * result shown, {@code cpuMs} the agreed measure; agreeing claims are paid {@code pay} each.
     */
    public Future<Void> finish(String subtaskId, RunSubtaskReply reply, long cpuMs, String verification, Map<String, Long> pay,
                               List<String> disagreeing) {
        // The statements are sent together (pipelined) and run in order: one round trip instead of four.
        return pool.withTransaction(conn -> Future.all(storeResult(conn, subtaskId, reply, cpuMs, verification),
            verdicts(conn, subtaskId, pay, disagreeing)).mapEmpty());
    }

    private static Future<Void> storeResult(SqlConnection conn, String subtaskId, RunSubtaskReply r, long cpuMs,
                                            String verification) {
        JsonObject report = r.report() == null ? null : Json.toJson(r.report());
        return conn.preparedQuery("UPDATE subtasks SET status = $2, worker = $3, exit_code = $4, duration_ms = $5, cpu_ms = $6,"
                + " stdout = $7, stderr = $8, isolation = $9, report = $10, verification = $11, updated_at = now() WHERE id = $1")
            .execute(Tuple.tuple(Arrays.asList(subtaskId, r.status(), r.workerId(), r.exitCode(), r.wallMs(), cpuMs,
                clean(r.stdout()), clean(r.stderr()), r.isolation(), report, verification)))
            .mapEmpty();
    }

    /** The verdict updates, issued in this order on {@code conn} without waiting for each other (agreed before unconfirmed). */
    private static Future<Void> verdicts(SqlConnection conn, String subtaskId, Map<String, Long> pay, List<String> disagreeing) {
        List<Tuple> agreed = new ArrayList<>();
        pay.forEach((attempt, ms) -> agreed.add(Tuple.of(attempt, ms)));
        Future<?> paid = agreed.isEmpty() ? Future.succeededFuture()
            : conn.preparedQuery("UPDATE subtask_claims SET verdict = 'agreed', pay_ms = $2 WHERE attempt_id = $1").executeBatch(agreed);
        Future<?> lost = conn.preparedQuery("UPDATE subtask_claims SET verdict = 'disagreed' WHERE attempt_id = ANY($1)")
            .execute(Tuple.tuple().addArrayOfString(disagreeing.toArray(new String[0])));
        Future<?> rest = conn.preparedQuery("UPDATE subtask_claims SET verdict = 'unconfirmed' WHERE subtask_id = $1"
            + " AND verdict = 'pending'").execute(Tuple.of(subtaskId));
        return Future.all(paid, lost, rest).mapEmpty();
    }

    /** A subtask that ended without a verified result: its pending claims stay unpaid. */
    public Future<Void> unconfirmed(String subtaskId) {
        return pool.preparedQuery("UPDATE subtask_claims SET verdict = 'unconfirmed' WHERE subtask_id = $1 AND verdict = 'pending'")
            .execute(Tuple.of(subtaskId)).mapEmpty();
    }

    /**
     * What the ledger pays for a job: the agreeing claims of its passed subtasks, each at its pay
     * (and, for subtasks that passed before results were verified, their final attempt), and each
     * round of its agent loop whose test runs' signed measures were accepted, at its pay
     * ({@link AgentRunCheck}; attempt ids {@code agent:<run>:<iteration>}).
     */
    public Future<List<Contribution>> contributions(String jobId) {
        return pool.preparedQuery("SELECT c.attempt_id, c.worker, c.pay_ms, s.ordinal FROM subtask_claims c"
                + " JOIN subtasks s ON s.id = c.subtask_id WHERE s.job_id = $1 AND s.status = 'passed' AND c.verdict = 'agreed'"
                + " UNION ALL SELECT s.attempt_id, s.worker, COALESCE(s.cpu_ms, 0), s.ordinal FROM subtasks s WHERE s.job_id = $1"
                + " AND s.status = 'passed' AND s.verification IS NULL AND s.attempt_id IS NOT NULL"
                + " UNION ALL SELECT a.pay_attempt, r.worker, a.pay_ms, -1 FROM agent_steps a JOIN agent_runs r"
                + " ON r.job_id = a.job_id AND r.run_id = a.run_id WHERE a.job_id = $1 AND a.pay_ms IS NOT NULL"
                + " AND r.refusal IS NULL ORDER BY 4, 1")
            .execute(Tuple.of(jobId))
            .map(rows -> {
                List<Contribution> out = new ArrayList<>();
                rows.forEach(r -> out.add(new Contribution(r.getString(0), r.getString(1), r.getLong(2))));
                return out;
            });
    }

    /** Each known node's agreed count and whether it is quarantined. */
    public Future<Map<String, Reputation.Standing>> standings() {
        return pool.query("SELECT node_id, agreed, quarantined_at IS NOT NULL FROM node_reputation").execute()
            .map(rows -> {
                Map<String, Reputation.Standing> out = new HashMap<>();
                rows.forEach(r -> out.put(r.getString(0), new Reputation.Standing(r.getLong(1), r.getBoolean(2))));
                return out;
            });
    }

    public Future<Void> agreed(String nodeId) {
        return pool.preparedQuery("INSERT INTO node_reputation (node_id, agreed) VALUES ($1, 1) ON CONFLICT (node_id)"
            + " DO UPDATE SET agreed = node_reputation.agreed + 1, updated_at = now()").execute(Tuple.of(nodeId)).mapEmpty();
    }

    /** Quarantines the node (the first reason stays); {@code disagreed} counts a disagreement with a verdict. */
    public Future<Void> quarantine(String nodeId, String reason, boolean disagreed) {
        int d = disagreed ? 1 : 0;
        return pool.preparedQuery("INSERT INTO node_reputation (node_id, disagreed, quarantined_at, reason) VALUES ($1, $2, now(), $3)"
                + " ON CONFLICT (node_id) DO UPDATE SET disagreed = node_reputation.disagreed + $2,"
                + " quarantined_at = COALESCE(node_reputation.quarantined_at, now()),"
                + " reason = COALESCE(node_reputation.reason, $3), updated_at = now()")
            .execute(Tuple.of(nodeId, d, clip(reason, 1000))).mapEmpty();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** PostgreSQL text cannot hold NUL characters; test output may. */
    private static String clean(String s) {
        return s == null ? null : s.replace('\u0000', '\uFFFD');
    }
}
