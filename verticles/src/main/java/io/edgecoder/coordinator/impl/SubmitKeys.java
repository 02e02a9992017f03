package io.edgecoder.coordinator.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobIntake;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * Idempotency keys of job submissions, per requester ({@code job_idempotency}, migration V009).
 * A job with a key is recorded together with its key in one statement; the key's primary key
 * makes concurrent repeats record one job (the later one waits for the first to commit, then
 * finds the key taken). A key older than the retention is ignored, and replaced by the next
 * submission that uses it. The stored fingerprint (SHA-256 of the validated job) tells a true
 * repeat from a different job sent with the same key.
 */
public final class SubmitKeys {
    private final Pool pool;
    private final long retentionSeconds;

    public SubmitKeys(Pool pool) {
        this(pool, JobIntake.KEY_RETENTION);
    }

    public SubmitKeys(Pool pool, Duration retention) {
        this.pool = pool;
        this.retentionSeconds = retention.toSeconds();
    }

    /** A job recorded under a key: its id, the fingerprint of its submission, its status and notes now. */
    public record Recorded(String jobId, String fingerprint, String status, List<String> notes) {
    }

    /** The submission failed because its key is already taken by a live entry (nothing of it was recorded). */
    static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency key taken", null, false, false);
        }
    }

    /** The job recorded under {@code key} by {@code requester} within the retention, or null. */
    public Future<Recorded> find(String requester, String key) {
        return pool.preparedQuery("SELECT k.job_id, k.fingerprint, j.status, j.notes FROM job_idempotency k"
                + " JOIN jobs j ON j.id = k.job_id WHERE k.requester = $1 AND k.key = $2"
                + " AND k.created_at > now() - $3::bigint * interval '1 second'")
            .execute(Tuple.of(requester, key, retentionSeconds))
            .map(rows -> rows.size() == 0 ? null : recorded(rows.iterator().next()));
    }

    private static Recorded recorded(Row r) {
        List<String> notes = r.getJsonArray("notes").stream().map(String::valueOf).toList();
        return new Recorded(r.getString("job_id"), r.getString("fingerprint"), r.getString("status"), notes);
    }

    /**
     * Records the job and its key in one statement; fails with {@link KeyTaken} (nothing recorded)
     * when the requester's key names a job recorded within the retention.
     */
    Future<Void> insert(PgJobStore store, String id, JobSubmitRequest job, String owner, List<String> notes) {
        return store.insertKeyed(id, job, owner, notes, fingerprint(job), retentionSeconds)
            .compose(recorded -> recorded ? Future.<Void>succeededFuture() : Future.failedFuture(new KeyTaken()));
    }

    /**
     * The reply to a repeat of {@code job} whose key names {@code recorded}: the job as it is now, or a
     * 409 when the key was used for a different job.
     */
    public static JobSubmitReply replay(Recorded recorded, JobSubmitRequest job) {
        if (!recorded.fingerprint().equals(fingerprint(job))) {
            throw new MeshException(ErrorCode.CONFLICT, JobIntake.IDEMPOTENCY_HEADER + ": this key was already used for a"
                + " different job (" + recorded.jobId() + "); use a new key for a new job, or repeat the first job unchanged");
        }
        boolean rejected = JobStatus.REJECTED.wire().equals(recorded.status());
        String reason = rejected && !recorded.notes().isEmpty() ? recorded.notes().get(recorded.notes().size() - 1) : null;
        return new JobSubmitReply(recorded.jobId(), recorded.status(), reason, true);
    }

    /** Deletes keys past the retention; how many. */
    public Future<Integer> expire() {
        return pool.preparedQuery("DELETE FROM job_idempotency WHERE created_at <= now() - $1::bigint * interval '1 second'")
            .execute(Tuple.of(retentionSeconds)).map(rows -> rows.rowCount());
    }

    /**
     * SHA-256 (hex) of the validated job without who sent it and its key, files in path order: two
     * submissions of the same job, whatever the order of their files, have the same fingerprint.
     */
    static String fingerprint(JobSubmitRequest job) {
        JobSubmitRequest plain = job.forRequester(null, null).withIdempotencyKey(null).withFiles(new TreeMap<>(job.files()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(plain).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
