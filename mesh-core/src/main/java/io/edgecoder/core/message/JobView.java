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
 * @param steps the iterations of its agent loop, oldest first (empty for a job without a prompt)
 * @param priority the job's priority (0..9)
 * @param deadline the latest time the job could start; null when it has none
 * @param planner which planner made its plan: {@code deterministic} or {@code model:<name>}; null before it was planned
 * @param plannerNote why a model was asked for the plan but its plan not used (the deterministic plan stood
 *     in), e.g. {@code model qwen2.5-coder:7b: no plan within 60 s}; null otherwise
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
    List<AgentStep> steps,
    Integer priority,
    Instant deadline,
    String planner,
    String plannerNote) {

    public JobView {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A view without agent steps. */
    public JobView(String id, String title, String language, String locality, String requester, String status,
                   boolean verified, List<SubtaskView> subtasks, List<String> notes, Instant createdAt, Instant finishedAt,
                   String isolation) {
        this(id, title, language, locality, requester, status, verified, subtasks, notes, createdAt, finishedAt, isolation,
            List.of());
    }

    /** A view without scheduling fields. */
    public JobView(String id, String title, String language, String locality, String requester, String status,
                   boolean verified, List<SubtaskView> subtasks, List<String> notes, Instant createdAt, Instant finishedAt,
                   String isolation, List<AgentStep> steps) {
        this(id, title, language, locality, requester, status, verified, subtasks, notes, createdAt, finishedAt, isolation,
            steps, null, null);
    }

    /** A view of a job not planned yet (or read where the planner is not known). */
    public JobView(String id, String title, String language, String locality, String requester, String status,
                   boolean verified, List<SubtaskView> subtasks, List<String> notes, Instant createdAt, Instant finishedAt,
                   String isolation, List<AgentStep> steps, Integer priority, Instant deadline) {
        this(id, title, language, locality, requester, status, verified, subtasks, notes, createdAt, finishedAt, isolation,
            steps, priority, deadline, null, null);
    }

    /** This view with {@code steps}. */
    public JobView withSteps(List<AgentStep> steps) {
        return new JobView(id, title, language, locality, requester, status, verified, subtasks, notes, createdAt, finishedAt,
            isolation, steps, priority, deadline, planner, plannerNote);
    }

    /** {@link #status()} as a {@link JobStatus}; an unknown name fails. */
    public JobStatus jobStatus() {
        return JobStatus.of(status);
    }
}
