package io.edgecoder.core.message;

/**
 * The outcome of one run.
 *
 * @param status passed | failed | error | timeout | memory_limit | output_limit | killed
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
}
