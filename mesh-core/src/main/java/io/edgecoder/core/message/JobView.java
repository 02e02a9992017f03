package io.edgecoder.core.message;

import io.edgecoder.core.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * The state of a job as callers see it. A job is {@code succeeded} and {@code verified} only
 * when every test file passed.
 *
 * @param status a {@link JobStatus} wire name: queued | running | succeeded | failed | rejected | cancelled | expired
 * @param notes policy decisions and other facts worth telling the requester
 * @param isolation the weakest isolation any of its subtask attempts ran under (null before any ran)
 * @param priority the job's priority (0..9)
 * @param deadline the latest time the job could start; null when it has none
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
    String isolation,
    Integer priority,
    Instant deadline) {

    /** A view without scheduling fields. */
    public JobView(String id, String title, String language, String locality, String requester, String status, boolean verified,
                   List<SubtaskView> subtasks, List<String> notes, Instant createdAt, Instant finishedAt, String isolation) {
        this(id, title, language, locality, requester, status, verified, subtasks, notes, createdAt, finishedAt, isolation,
            null, null);
    }

    /** {@link #status()} as a {@link JobStatus}; an unknown name fails. */
    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }
}
