package io.edgecoder.core.message;

/**
 * The outcome of one run.
 *
 * @param status passed | failed | error | timeout | memory_limit | output_limit | killed
 * @param isolation the isolation the run actually had
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
    TestReport report) {
}
