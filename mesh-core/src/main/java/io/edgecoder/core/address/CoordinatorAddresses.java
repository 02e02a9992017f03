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
    /**
     * Publish {@code WorkerHeartbeats}: the heartbeats of the workers one node carries, each taken
     * as if it had come alone on {@link #WORKER_HEARTBEAT} from that node (workers only; more than
     * {@code WorkerHeartbeats.MAX} in one message: ignored whole and logged).
     */
    public static final String WORKER_HEARTBEATS = "edgecoder.coordinator.worker.heartbeats";
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

    /** Prefix of the per-coordinator result addresses ({@link #results}). */
    public static final String RESULTS_PREFIX = "edgecoder.coordinator.subtask.results.";

    /**
     * Send {@code RunResultBatch}, from a node carrying workers to the coordinator that sent it a
     * {@code RunBatchRequest}: one address per coordinator instance ({@code instance}, a random
     * word without dots) on node {@code coordinatorNodeId}. Outcomes are accepted only for runs in
     * flight there that were sent to the sending node; anything else is dropped and logged.
     */
    public static String results(String coordinatorNodeId, String instance) {
        if (coordinatorNodeId == null || coordinatorNodeId.isBlank() || coordinatorNodeId.contains(".")
            || instance == null || instance.isBlank() || instance.contains(".")) {
            throw new IllegalArgumentException("bad node id or instance");
        }
        return RESULTS_PREFIX + coordinatorNodeId + "." + instance;
    }

    /** Whether {@code address} is a result address of a coordinator on node {@code nodeId}. */
    public static boolean isResultsOf(String address, String nodeId) {
        return address != null && nodeId != null && address.startsWith(RESULTS_PREFIX + nodeId + ".")
            && address.length() <= RESULTS_PREFIX.length() + nodeId.length() + 65
            && address.indexOf('.', RESULTS_PREFIX.length() + nodeId.length() + 1) < 0;
    }

    private CoordinatorAddresses() {
    }
}
