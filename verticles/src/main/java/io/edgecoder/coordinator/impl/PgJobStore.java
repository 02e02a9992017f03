package io.edgecoder.coordinator.impl;

import io.edgecoder.core.JobStatus;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs and subtasks in PostgreSQL. Every method is one statement or one transaction. */
public final class PgJobStore {
    private static final String JOB_COLUMNS =
        "id, title, language, locality, requester, status, verified, notes, created_at, finished_at, isolation, priority, deadline, planner,"
        + " planner_note";

    private final Pool pool;

    public PgJobStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Records a new job as queued, owned (leased) by {@code owner}. */
    public Future<Void> insert(String id, JobSubmitRequest job, String owner, List<String> notes) {
        return pool.preparedQuery("INSERT INTO jobs (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ")")
            .execute(Tuple.tuple(insertValues(id, job, owner, notes))).mapEmpty();
    }

    /**
     * Records a new job with its idempotency key (requester + {@code job.idempotencyKey()}) in one statement:
     * false, and nothing recorded, when the key already names a job recorded less than
     * {@code retentionSeconds} ago. The key row is written first; its foreign key is checked at the end
     * of the statement, when the job row exists.
     */
    Future<Boolean> insertKeyed(String id, JobSubmitRequest job, String owner, List<String> notes, String fingerprint,
                                long retentionSeconds) {
        List<Object> values = new ArrayList<>(insertValues(id, job, owner, notes));
        values.addAll(List.of(job.idempotencyKey(), fingerprint, retentionSeconds));
        return pool.preparedQuery("WITH k AS (INSERT INTO job_idempotency (requester, key, fingerprint, job_id)"
                + " VALUES ($5, $14, $15, $1) ON CONFLICT (requester, key) DO UPDATE"
                + " SET fingerprint = EXCLUDED.fingerprint, job_id = EXCLUDED.job_id, created_at = now()"
                + " WHERE job_idempotency.created_at <= now() - $16::bigint * interval '1 second' RETURNING job_id)"
                + " INSERT INTO jobs (" + INSERT_COLUMNS + ") SELECT " + INSERT_VALUES + " FROM k")
            .execute(Tuple.tuple(values)).map(rows -> rows.rowCount() == 1);
    }

    private static final String INSERT_COLUMNS = "id, title, language, locality, requester, status, restricted,"
        + " timeout_seconds, spec, notes, owner, lease_until, requester_org, priority, deadline";
    private static final String INSERT_VALUES = "$1::text, $2::text, $3::text, $4::text, $5::text, 'queued', $6::boolean,"
        + " $7::int, $8::jsonb, $9::jsonb, $10::text, now() + interval '60 seconds', $11::text, $12::int, $13::timestamptz";

    private static List<Object> insertValues(String id, JobSubmitRequest job, String owner, List<String> notes) {
        JsonObject spec = new JsonObject().put("files", new JsonObject(new LinkedHashMap<>(job.files())))
            .put("tests", new JsonArray(job.tests()));
        if (job.agent()) {
            spec.put("prompt", job.prompt()).put("model", job.model()).put("maxIterations", job.maxIterations())
                .put("allowRemote", job.allowRemote());
        }
        if (job.planModel() != null) {
            spec.put("planModel", job.planModel());
        }
        return java.util.Arrays.asList(id, job.title(), job.language(), job.locality(), job.requester(),
            job.restricted(), job.timeoutSeconds(), spec, new JsonArray(notes), owner, job.requesterOrg(),
            job.priority(), offset(job.deadline()));
    }

    /** Loads the spec of a job (for running it). */
    public Future<JobSubmitRequest> spec(String id) {
        return pool.preparedQuery("SELECT title, language, locality, requester, restricted, timeout_seconds, spec, requester_org,"
                + " priority, deadline FROM jobs WHERE id = $1").execute(Tuple.of(id))
            .map(rows -> {
                if (rows.size() == 0) {
                    throw MeshException.notFound("job " + id + " not found");
                }
                Row r = rows.iterator().next();
                JsonObject spec = r.getJsonObject("spec");
                Map<String, String> files = new LinkedHashMap<>();
                spec.getJsonObject("files").forEach(e -> files.put(e.getKey(), (String) e.getValue()));
                List<String> tests = spec.getJsonArray("tests").stream().map(String.class::cast).toList();
                return new JobSubmitRequest(r.getString("title"), r.getString("language"), files, tests,
                    r.getString("locality"), r.getInteger("timeout_seconds"), r.getString("requester"),
                    r.getBoolean("restricted"), r.getString("requester_org"), spec.getString("prompt"), spec.getString("model"),
                    spec.getInteger("maxIterations"), spec.getString("allowRemote"), r.getInteger("priority"),
                    instant(r.getOffsetDateTime("deadline")), spec.getString("planModel"));
            });
    }

    public Future<Void> addNote(String id, String note) {
        return pool.preparedQuery("UPDATE jobs SET notes = notes || $2 WHERE id = $1")
            .execute(Tuple.of(id, new JsonArray().add(note))).mapEmpty();
    }

    /** Records which planner made the job's plan ({@code note}: why a model's plan was not used, or null). */
    public Future<Void> recordPlanner(String id, String planner, String note) {
        return pool.preparedQuery("UPDATE jobs SET planner = $2, planner_note = $3 WHERE id = $1")
            .execute(Tuple.of(id, planner, note)).mapEmpty();
    }

    public Future<Void> markRunning(String id) {
        return pool.preparedQuery("UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'queued'")
            .execute(Tuple.of(id)).mapEmpty();
    }

    /** Inserts the planned subtasks (idempotent: a resumed job keeps its existing rows). */
    public Future<List<SubtaskRow>> planSubtasks(String jobId, List<String> tests) {
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            batch.add(Tuple.of(jobId + "-" + (i + 1), jobId, i + 1, tests.get(i)));
        }
        // a job cancelled meanwhile gets no new subtasks
        return pool.preparedQuery("INSERT INTO subtasks (id, job_id, ordinal, test, status) SELECT $1,$2,$3,$4,'pending'"
                + " WHERE EXISTS (SELECT 1 FROM jobs WHERE id = $2 AND status IN ('queued','running'))"
                + " ON CONFLICT (id) DO NOTHING").executeBatch(batch)
            .compose(v -> pool.preparedQuery("SELECT id, test, status, attempts FROM subtasks WHERE job_id = $1 ORDER BY ordinal")
                .execute(Tuple.of(jobId)))
            .map(rows -> {
                List<SubtaskRow> out = new ArrayList<>();
                rows.forEach(r -> out.add(new SubtaskRow(r.getString("id"), r.getString("test"), r.getString("status"),
                    r.getInteger("attempts"))));
                return out;
            });
    }

    /**
     * Records a dispatch; false (nothing recorded, nothing may be sent) when the job is no longer
     * running. The job row is read {@code FOR SHARE}, so a cancellation either waits for this
     * dispatch (and then stops the run it sees) or commits first (and this dispatch is refused).
     */
    public Future<Boolean> subtaskDispatched(String subtaskId, String worker, int attempt, String attemptId, String isolation) {
        return subtaskDispatched(subtaskId, worker, attempt, attemptId, isolation, null, List.of());
    }

    /** Records a dispatch with why the worker was chosen and why others were passed over (see the other overload). */
    public Future<Boolean> subtaskDispatched(String subtaskId, String worker, int attempt, String attemptId, String isolation,
                                             String placement, List<String> passedOver) {
        return pool.preparedQuery("UPDATE subtasks SET status = 'running', worker = $2, attempts = $3, attempt_id = $4,"
                + " isolation = $5, placement = $6, passed_over = $7, updated_at = now() WHERE id = $1 AND status <> 'cancelled'"
                + " AND EXISTS (SELECT 1 FROM jobs WHERE jobs.id = subtasks.job_id AND jobs.status IN ('queued','running') FOR SHARE)")
            .execute(Tuple.tuple(java.util.Arrays.asList(subtaskId, worker, attempt, attemptId, isolation, placement,
                new JsonArray(new ArrayList<>(passedOver))))).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Ends a job that could not start before its deadline: {@code expired} only if it is unfinished
     * and no subtask of it was ever sent to a worker (a dispatch reads the job row {@code FOR SHARE},
     * so of a dispatch and the expiry exactly one comes first); its pending subtasks end
     * {@code cancelled}. False when the job had started or ended.
     */
    public Future<Boolean> expire(String id, String note) {
        // lock the job row first, so the check below reads any dispatch that committed before (a fresh snapshot)
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM jobs WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .compose(locked -> conn.preparedQuery("UPDATE jobs SET status = 'expired', finished_at = now(),"
                + " owner = NULL, lease_until = NULL, notes = notes || $2 WHERE id = $1 AND status IN ('queued','running')"
                + " AND NOT EXISTS (SELECT 1 FROM subtasks WHERE job_id = $1 AND attempts > 0)")
            .execute(Tuple.of(id, new JsonArray().add(note)))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
                : conn.preparedQuery("UPDATE subtasks SET status = 'cancelled', stderr = $2, updated_at = now()"
                    + " WHERE job_id = $1 AND status = 'pending'").execute(Tuple.of(id, note)).map(true))));
    }

    /** Unfinished jobs of {@code requester} and of everyone, for the queue bounds. */
    public Future<long[]> unfinished(String requester) {
        return pool.preparedQuery("SELECT count(*) FILTER (WHERE requester = $1), count(*) FROM jobs"
                + " WHERE status IN ('queued','running')").execute(Tuple.of(requester))
            .map(rows -> {
                Row r = rows.iterator().next();
                return new long[] {r.getLong(0), r.getLong(1)};
            });
    }

    private static OffsetDateTime offset(Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }

    /** Marks a subtask that no worker could complete (a cancelled one stays cancelled). */
    public Future<Void> subtaskGaveUp(String subtaskId, String reason) {
        return pool.preparedQuery("UPDATE subtasks SET status = 'error', stderr = $2, updated_at = now() WHERE id = $1"
                + " AND status <> 'cancelled'")
            .execute(Tuple.of(subtaskId, reason)).mapEmpty();
    }

    /**
     * Ends an unfinished job; false when it had already ended (a cancellation came first), and then
     * nothing changes: the caller must not report or settle it.
     */
    public Future<Boolean> finish(String id, JobStatus status, boolean verified, List<String> notes, String isolation) {
        return pool.preparedQuery("UPDATE jobs SET status = $2, verified = $3, notes = notes || $4, finished_at = now(),"
                + " owner = NULL, lease_until = NULL, isolation = $5 WHERE id = $1 AND status IN ('queued','running')")
            .execute(Tuple.tuple(java.util.Arrays.asList(id, status.wire(), verified, new JsonArray(notes), isolation)))
            .map(rows -> rows.rowCount() == 1);
    }

    public Future<Void> markSettled(String id) {
        return pool.preparedQuery("UPDATE jobs SET settled = true WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
    }

    /** Extends the leases of the given jobs held by {@code owner}. */
    public Future<Void> renewLeases(String owner, List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture();
        }
        // Only leases with less than 40 s left (each job's row is written about every 20 s, not at every upkeep), locked
        // in id order so that renewals never deadlock with each other or with a job's own updates.
        return pool.preparedQuery("UPDATE jobs SET lease_until = now() + interval '60 seconds' WHERE id IN (SELECT id FROM jobs"
                + " WHERE owner = $1 AND id = ANY($2) AND lease_until < now() + interval '40 seconds' ORDER BY id FOR UPDATE)")
            .execute(Tuple.tuple().addString(owner).addArrayOfString(ids.toArray(new String[0]))).mapEmpty();
    }

    /**
     * Takes back, at once, unfinished jobs that {@code owner} leased in an earlier life (a coordinator
     * restarted with the same identity has none of them in flight), without waiting for the leases
     * to expire. Returns their ids, oldest first; the leases are renewed.
     */
    public Future<List<String>> reclaimOwn(String owner, int max) {
        return pool.preparedQuery("UPDATE jobs SET lease_until = now() + interval '60 seconds' WHERE id IN ("
                + " SELECT id FROM jobs WHERE owner = $1 AND status IN ('queued','running')"
                + " ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id")
            .execute(Tuple.of(owner, max))
            .map(PgJobStore::ids);
    }

    private static List<String> ids(io.vertx.sqlclient.RowSet<Row> rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    /**
     * Takes over, at once, the unfinished jobs of {@code departed}, a coordinator that cluster
     * membership says left, whatever their leases say. Returns their ids, oldest first.
     */
    public Future<List<String>> claimFrom(String owner, String departed, int max) {
        return pool.preparedQuery("UPDATE jobs SET owner = $1, lease_until = now() + interval '60 seconds' WHERE id IN ("
                + " SELECT id FROM jobs WHERE owner = $2 AND status IN ('queued','running')"
                + " ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id")
            .execute(Tuple.of(owner, departed, max))
            .map(PgJobStore::ids);
    }

    /** Claims unfinished jobs whose owner's lease expired (a crashed or stopped coordinator). */
    public Future<List<String>> claimOrphans(String owner, int max) {
        return pool.preparedQuery("UPDATE jobs SET owner = $1, lease_until = now() + interval '60 seconds' WHERE id IN ("
                + " SELECT id FROM jobs WHERE status IN ('queued','running') AND (lease_until IS NULL OR lease_until < now())"
                + " ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id")
            .execute(Tuple.of(owner, max))
            .map(rows -> {
                List<String> ids = new ArrayList<>();
                rows.forEach(r -> ids.add(r.getString(0)));
                return ids;
            });
    }

    public Future<JobView> get(String id) {
        return get(id, null);
    }

    /** The job if it was submitted by {@code requester} (any job when null); 404 otherwise. */
    public Future<JobView> get(String id, String requester) {
        return pool.preparedQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = $1 AND ($2::text IS NULL OR requester = $2)")
            .execute(Tuple.of(id, requester))
            .compose(rows -> {
                if (rows.size() == 0) {
                    return Future.failedFuture(io.edgecoder.core.Ownership.jobNotFound(id));
                }
                Row job = rows.iterator().next();
                return subtasks(id).compose(subtasks -> new PgAgentStore(pool).steps(id)
                    .map(steps -> toView(job, subtasks).withSteps(steps)));
            });
    }

    /** Newest first; {@code after} is the last id of the previous page. */
    public Future<List<JobView>> list(int limit, String after) {
        return list(limit, after, null, null);
    }

    /**
     * Newest first, only jobs of {@code requester} (every job when null) in {@code status} (any when
     * null); {@code after} is the last id of the previous page.
     */
    public Future<List<JobView>> list(int limit, String after, String requester, String status) {
        Future<RowSet<Row>> rows = pool.preparedQuery("SELECT " + JOB_COLUMNS + " FROM jobs"
                + " WHERE ($2::text IS NULL OR seq < (SELECT seq FROM jobs WHERE id = $2))"
                + " AND ($3::text IS NULL OR requester = $3) AND ($4::text IS NULL OR status = $4)"
                + " ORDER BY seq DESC LIMIT $1")
            .execute(Tuple.of(limit, after, requester, status));
        return rows.map(rs -> {
            List<JobView> out = new ArrayList<>();
            rs.forEach(r -> out.add(toView(r, List.of())));
            return out;
        });
    }

    /** Finished jobs whose settlement has not been confirmed by the ledger. */
    public Future<List<Unsettled>> unsettled(int max) {
        return pool.preparedQuery("SELECT id, requester, verified FROM jobs WHERE status IN ('succeeded','failed','cancelled','expired')"
                + " AND NOT settled"
                + " AND finished_at < now() - interval '5 seconds' ORDER BY seq LIMIT $1").execute(Tuple.of(max))
            .map(rows -> {
                List<Unsettled> out = new ArrayList<>();
                rows.forEach(r -> out.add(new Unsettled(r.getString(0), r.getString(1), r.getBoolean(2))));
                return out;
            });
    }

    /** Whether the job is still queued or running (results for a cancelled job are refused). */
    public Future<Boolean> active(String jobId) {
        return pool.preparedQuery("SELECT 1 FROM jobs WHERE id = $1 AND status IN ('queued','running')")
            .execute(Tuple.of(jobId)).map(rows -> rows.size() > 0);
    }

    public Future<Boolean> exists(String id) {
        return exists(id, null);
    }

    /** Whether the job exists and was submitted by {@code requester} (any requester when null). */
    public Future<Boolean> exists(String id, String requester) {
        return pool.preparedQuery("SELECT 1 FROM jobs WHERE id = $1 AND ($2::text IS NULL OR requester = $2)")
            .execute(Tuple.of(id, requester)).map(rows -> rows.size() > 0);
    }

    /** The job's subtasks as stored, in plan order (one statement; for aggregation). */
    public Future<List<SubtaskView>> subtasks(String jobId) {
        return pool.preparedQuery("SELECT id, test, worker, status, attempts, exit_code, duration_ms, cpu_ms, stdout, stderr,"
                + " isolation, verification, refused, report, placement, passed_over FROM subtasks WHERE job_id = $1 ORDER BY ordinal").execute(Tuple.of(jobId))
            .map(rows -> {
                List<SubtaskView> out = new ArrayList<>();
                rows.forEach(r -> out.add(new SubtaskView(r.getString("id"), r.getString("test"), r.getString("worker"),
                    r.getString("status"), r.getInteger("attempts"), r.getInteger("exit_code"), r.getLong("duration_ms"),
                    r.getLong("cpu_ms"), r.getString("stdout"), r.getString("stderr"), r.getString("isolation"),
                    r.getString("verification"), r.getJsonArray("refused").stream().map(String::valueOf).toList(),
                    report(r.getJsonObject("report")), r.getString("placement"),
                    r.getJsonArray("passed_over").stream().map(String::valueOf).toList())));
                return out;
            });
    }

    /** The stored report of a finished attempt (rows written before messages were parsed read with none). */
    private static io.edgecoder.core.message.TestReport report(JsonObject stored) {
        return stored == null ? null : io.edgecoder.core.Json.fromJson(stored, io.edgecoder.core.message.TestReport.class);
    }

    private static JobView toView(Row r, List<SubtaskView> subtasks) {
        List<String> notes = r.getJsonArray("notes").stream().map(String::valueOf).toList();
        String isolation = r.getString("isolation") != null ? r.getString("isolation") : weakestIsolation(subtasks);
        return new JobView(r.getString("id"), r.getString("title"), r.getString("language"), r.getString("locality"),
            r.getString("requester"), r.getString("status"), r.getBoolean("verified"), subtasks, notes,
            instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("finished_at")), isolation, List.of(),
            r.getInteger("priority") == null ? io.edgecoder.core.JobSpecs.DEFAULT_PRIORITY : r.getInteger("priority"),
            instant(r.getOffsetDateTime("deadline")), r.getString("planner"), r.getString("planner_note"));
    }

    /** The weakest isolation among subtasks that ran, or null if none ran yet. */
    public static String weakestIsolation(List<SubtaskView> subtasks) {
        return subtasks.stream().map(SubtaskView::isolation).filter(java.util.Objects::nonNull)
            .map(io.edgecoder.core.Isolation::of).min(java.util.Comparator.naturalOrder())
            .map(io.edgecoder.core.Isolation::id).orElse(null);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** A finished job whose settlement is not confirmed. */
    public record Unsettled(String id, String requester, boolean verified) {
    }

    /** A subtask as the runner needs it. */
    public record SubtaskRow(String id, String test, String status, int attempts) {
    }
}
