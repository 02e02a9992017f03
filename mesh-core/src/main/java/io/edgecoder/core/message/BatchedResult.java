package io.edgecoder.core.message;

/**
 * The outcome of one batched run: the worker's signed reply, or (when no run took place) a failure
 * code in HTTP range with a safe message, exactly as a single request would have failed: 404 no
 * such worker on the node, 400 bad request, 429 the worker is full, 503 shutting down.
 *
 * @param leaseId the lease the run was sent under (the coordinator matches outcomes by it)
 * @param reply the worker's reply signed with its key, or null on failure
 * @param failureCode 0 with a reply, else the failure's code
 */
public record BatchedResult(String leaseId, String workerId, RunSubtaskReply reply, int failureCode, String failure) {

    public static BatchedResult of(String leaseId, String workerId, RunSubtaskReply reply) {
        return new BatchedResult(leaseId, workerId, reply, 0, null);
    }

    public static BatchedResult failed(String leaseId, String workerId, int code, String message) {
        return new BatchedResult(leaseId, workerId, null, code, message);
    }
}
