package io.edgecoder.core.message;

import java.util.Map;

/**
 * Run one test file against a job's files on a worker.
 *
 * @param attemptId unique per attempt; the ledger uses it as an idempotency key
 * @param leaseId the coordinator's random id of this dispatch; the worker's signed statement names it,
 *     so a statement made for one lease cannot be presented for another
 */
public record RunSubtaskRequest(
    String jobId,
    String subtaskId,
    String attemptId,
    int attempt,
    String language,
    Map<String, String> files,
    String test,
    int timeoutSeconds,
    boolean restricted,
    String leaseId) {

    /** A request without a lease id (a worker then signs the attempt id in its place). */
    public RunSubtaskRequest(String jobId, String subtaskId, String attemptId, int attempt, String language,
                             Map<String, String> files, String test, int timeoutSeconds, boolean restricted) {
        this(jobId, subtaskId, attemptId, attempt, language, files, test, timeoutSeconds, restricted, null);
    }
}
