package io.edgecoder.core.message;

import io.edgecoder.core.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * The state of a job as callers see it. A job is {@code succeeded} and {@code verified} only
 * when every test file passed.
 *
 * @param status a {@link JobStatus} wire name: queued | running | succeeded | failed | rejected | cancelled
 * @param notes policy decisions and other facts worth telling the requester
 * @param isolation the weakest isolation any of its subtask attempts ran under (null before any ran)
 */
public record JobView(
    String id,
    String title,
    String language,
    String locality,
    String requester,
    String status,
    boolean verified,
    List<SubtaskView> subtasks,
    List<String> notes,
    Instant createdAt,
    Instant finishedAt,
    String isolation) {

    /** {@link #status()} as a {@link JobStatus}; an unknown name fails. */
    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }
}
