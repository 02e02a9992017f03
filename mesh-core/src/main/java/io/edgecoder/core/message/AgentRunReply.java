package io.edgecoder.core.message;

import java.util.List;
import java.util.Map;

/**
 * How an agent loop ended. The reply is a success whatever the outcome, so the steps always
 * reach the coordinator.
 *
 * @param outcome {@code passed} (the tests passed on the worker: {@code files} is the answer to
 *     verify), {@code failed} (the iteration bound was reached; the last step has the last test
 *     report), {@code error} (the model could not be asked or the tests could not run: see
 *     {@code message}), {@code cancelled}
 * @param files the files of the last iteration, tests included
 * @param message why the loop ended unsuccessfully, safe to show; null when it passed
 * @param signature the worker's Ed25519 signature, base64, over the canonical bytes of the
 *     {@code io.edgecoder.core.trust.AgentRunStatement} of this reply and the request it answers (its outcome, files and
 *     every step's measured test time and CPU, which the coordinator pays); null when unsigned
 */
public record AgentRunReply(
    String workerId,
    String outcome,
    Map<String, String> files,
    List<AgentStep> steps,
    String message,
    String signature) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";
    public static final String CANCELLED = "cancelled";

    /** An unsigned reply (its test runs are not paid). */
    public AgentRunReply(String workerId, String outcome, Map<String, String> files, List<AgentStep> steps, String message) {
        this(workerId, outcome, files, steps, message, null);
    }

    /** This reply carrying {@code signature}. */
    public AgentRunReply signed(String signature) {
        return new AgentRunReply(workerId, outcome, files, steps, message, signature);
    }
}
