package io.edgecoder.core.message;

import io.edgecoder.core.SubtaskStatus;

/**
 * The outcome of one run.
 *
 * @param status a {@link SubtaskStatus} wire name: passed | failed | error | timeout | memory_limit | output_limit | killed |
 *     incomplete. {@code incomplete}: the worker could not read the run's whole report (its output
 *     did not reach its end before the drain deadline, or a clean exit left neither a test nor
 *     the runner's summary); it says nothing about the tests, so the coordinator runs the
 *     subtask again as it does a {@code killed} run, and never records it as failed
 * @param report the counts, failing test ids and their messages parsed from the output
 * @param isolation the isolation the run actually had
 * @param signature the worker's Ed25519 signature, base64, over the canonical bytes of the
 *     {@code io.edgecoder.core.trust.ResultStatement} of this reply and the request it answers
 */
public record RunSubtaskReply(
    String workerId,
    String status,
    Integer exitCode,
    long wallMs,
    long cpuMs,
    Long peakMemoryBytes,
    String stdout,
    String stderr,
    boolean outputTruncated,
    String isolation,
    TestReport report,
    String signature) {

    /** An unsigned reply (the coordinator refuses it; kept for tools and tests). */
    public RunSubtaskReply(String workerId, String status, Integer exitCode, long wallMs, long cpuMs, Long peakMemoryBytes,
                           String stdout, String stderr, boolean outputTruncated, String isolation, TestReport report) {
        this(workerId, status, exitCode, wallMs, cpuMs, peakMemoryBytes, stdout, stderr, outputTruncated, isolation, report,
            null);
    }

    /** This reply carrying {@code signature}. */
    public RunSubtaskReply signed(String signature) {
        return new RunSubtaskReply(workerId, status, exitCode, wallMs, cpuMs, peakMemoryBytes, stdout, stderr,
            outputTruncated, isolation, report, signature);
    }

    /** {@link #status()} as a {@link SubtaskStatus}, or null when the worker sent a name this node does not know. */
    public SubtaskStatus outcome() {
        return SubtaskStatus.find(status);
    }
}
