package io.edgecoder.core.address;

/**
 * Event-bus addresses of the coordinator. Request/reply bodies are the records of
 * {@code io.edgecoder.core.message}; failures carry {@link io.edgecoder.core.ErrorCode} codes.
 */
public final class CoordinatorAddresses {
    /**
     * Request {@code JobSubmitRequest} → {@code JobSubmitReply}. Validates, records the job and
     * replies at once with status {@code queued} (or {@code rejected}); the job then runs
     * asynchronously. Errors: 400 invalid spec, 413 too large, 422 policy, 503 database down.
     */
    public static final String JOB_SUBMIT = "edgecoder.coordinator.job.submit";
    /** Request {@code JobGetRequest} → {@code JobView}. Errors: 404 unknown id or another person's job. */
    public static final String JOB_GET = "edgecoder.coordinator.job.get";
    /**
     * Request {@code JobListRequest} → {@code JobListReply}, newest first, only the actor's own jobs
     * unless the actor is an admin. Errors: 400, 403 no actor.
     */
    public static final String JOB_LIST = "edgecoder.coordinator.job.list";
    /**
     * Request {@code JobCancelRequest} → {@code JobView} (the job, now {@code cancelled}). Errors:
     * 400, 404 unknown id or another person's job, 409 the job already ended (the message names its status).
     */
    public static final String JOB_CANCEL = "edgecoder.coordinator.job.cancel";
    /**
     * Publish {@code JobCancelEvent}: a job was recorded cancelled; the coordinator running it stops
     * dispatching its subtasks at once (the database refuses them anyway).
     */
    public static final String JOB_CANCELLED = "edgecoder.coordinator.job.cancelled";
    /** Request {@code WorkerListRequest} → {@code WorkerListReply}: the capacity table. */
    public static final String WORKER_LIST = "edgecoder.coordinator.worker.list";
    /**
     * Publish {@code WorkerHeartbeat}: every worker, every heartbeat interval; every
     * coordinator keeps a capacity table from these and forgets a worker that misses three.
     */
    public static final String WORKER_HEARTBEAT = "edgecoder.coordinator.worker.heartbeat";
    /** Publish {@code JobEvent}: job and subtask state changes, for dashboards and tests. */
    public static final String JOB_EVENTS = "edgecoder.coordinator.job.events";
    /** Prefix of the per-coordinator agent step addresses ({@link #agentSteps}). */
    public static final String AGENT_STEP_PREFIX = "edgecoder.coordinator.agent.step.";

    /**
     * Send {@code AgentStepEvent}, from the worker running an agent loop to the coordinator that
     * dispatched it ({@code AgentRunRequest.stepsTo}), after every round, so the job shows its steps
     * while the loop runs. Accepted only for a loop in flight there with the same run and lease id;
     * anything else is dropped. The final {@code AgentRunReply} repeats every step.
     */
    public static String agentSteps(String coordinatorNodeId) {
        if (coordinatorNodeId == null || coordinatorNodeId.isBlank() || coordinatorNodeId.contains(".")) {
            throw new IllegalArgumentException("bad node id");
        }
        return AGENT_STEP_PREFIX + coordinatorNodeId;
    }

    private CoordinatorAddresses() {
    }
}
