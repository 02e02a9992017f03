package io.edgecoder.core.address;

/** Event-bus addresses of worker nodes. */
public final class WorkerAddresses {
    /** Prefix of the per-worker run addresses ({@link #run}). */
    public static final String RUN_PREFIX = "edgecoder.worker.subtask.run.";
    /** Prefix of the per-node batched run addresses ({@link #runBatch}). */
    public static final String RUN_BATCH_PREFIX = "edgecoder.worker.subtask.batch.";
    /** Prefix of the per-worker agent loop addresses ({@link #agentRun}). */
    public static final String AGENT_PREFIX = "edgecoder.worker.agent.run.";

    /**
     * Request {@code SubsetCheckRequest} → {@code SubsetCheckReply}, to any worker: parse the
     * sources of a {@code restricted} job with real parsers (never running them) and list the
     * constructs the restricted subset refuses. Errors: 400 bad request, 503 no parser available.
     */
    public static final String SUBSET_CHECK = "edgecoder.worker.subset.check";

    /**
     * Publish {@code JobCancelEvent}, to every worker: kill the job's runs in progress (they end
     * {@code killed}), drop its queued runs and refuse new ones (409).
     */
    public static final String JOB_CANCEL = "edgecoder.worker.job.cancel";

    private WorkerAddresses() {
    }

    /**
     * Request {@code RunSubtaskRequest} → {@code RunSubtaskReply}, addressed to one worker.
     * Errors: 429 the worker is full (try another), 400 bad request, 503 shutting down.
     */
    public static String run(String nodeId) {
        if (nodeId == null || nodeId.isBlank() || nodeId.contains(".")) {
            throw new IllegalArgumentException("bad node id");
        }
        return RUN_PREFIX + nodeId;
    }

    /**
     * Request {@code RunBatchRequest} → empty acknowledgement, addressed to the node that carries
     * the workers named in it (the node whose signed heartbeats announced them with
     * {@code WorkerHeartbeat.runBatches}). Each run's outcome comes back later in a
     * {@code RunResultBatch} to the batch's {@code replyTo}. Errors (the whole batch): 413 more than
     * {@code RunBatchRequest.MAX_RUNS} runs, 403 a reply address of another node, 400 malformed.
     */
    public static String runBatch(String carrierNodeId) {
        if (carrierNodeId == null || carrierNodeId.isBlank() || carrierNodeId.contains(".")) {
            throw new IllegalArgumentException("bad node id");
        }
        return RUN_BATCH_PREFIX + carrierNodeId;
    }

    /**
     * Request {@code AgentRunRequest} → {@code AgentRunReply}, addressed to one core worker: run a
     * job's agent loop (ask the model through {@code InferenceAddresses.CHAT}, write its files, run
     * the tests in the sandbox, feed the failures back). The reply comes when the loop ends, with
     * every step. Errors: 400 bad request, 409 the job was cancelled, 429 the worker is running as
     * many agent loops as it takes, 503 shutting down.
     */
    public static String agentRun(String nodeId) {
        if (nodeId == null || nodeId.isBlank() || nodeId.contains(".")) {
            throw new IllegalArgumentException("bad node id");
        }
        return AGENT_PREFIX + nodeId;
    }
}
