package io.edgecoder.core.message;

import io.edgecoder.core.JobStatus;

/** Reply to a job submission: its id and first status ({@code queued} or {@code rejected}, a {@link JobStatus} wire name). */
public record JobSubmitReply(String id, String status, String reason) {

    /** A reply with a typed status. */
    public JobSubmitReply(String id, JobStatus status, String reason) {
        this(id, status.wire(), reason);
    }

    /** {@link #status()} as a {@link JobStatus}; an unknown name fails. */
    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }
}
