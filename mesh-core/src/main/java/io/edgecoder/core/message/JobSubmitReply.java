package io.edgecoder.core.message;

import io.edgecoder.core.JobStatus;

/**
 * Reply to a job submission: its id and first status ({@code queued} or {@code rejected}, a {@link JobStatus} wire name).
 *
 * @param replayed true when the submission repeated an idempotency key: the reply is the job recorded
 *     first, with its status now (any status); null or false for a new job
 */
public record JobSubmitReply(String id, String status, String reason, Boolean replayed) {

    /** The reply for a newly recorded job. */
    public JobSubmitReply(String id, String status, String reason) {
        this(id, status, reason, null);
    }

    /** A reply with a typed status. */
    public JobSubmitReply(String id, JobStatus status, String reason) {
        this(id, status.wire(), reason);
    }

    /** {@link #status()} as a {@link JobStatus}; an unknown name fails. */
    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }

    /** Whether this reply returns a job recorded by an earlier submission with the same idempotency key. */
    public boolean replay() {
        return Boolean.TRUE.equals(replayed);
    }
}
