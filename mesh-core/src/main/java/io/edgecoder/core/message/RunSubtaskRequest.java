package io.edgecoder.core.message;

import java.util.Map;

/**
 * Run one test file against a job's files on a worker.
 *
 * @param attemptId unique per attempt; the ledger uses it as an idempotency key
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
    boolean restricted) {
}
