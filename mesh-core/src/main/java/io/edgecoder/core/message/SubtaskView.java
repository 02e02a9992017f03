package io.edgecoder.core.message;

/**
 * One subtask (one test file) of a job.
 *
 * @param status pending | running | passed | failed | error | timeout | memory_limit |
 *     output_limit | killed
 * @param worker node id of the worker of the latest attempt
 * @param isolation the isolation the latest attempt actually ran under
 * @param report the test report the worker parsed from the finished attempt; null until one finished
 */
public record SubtaskView(
    String id,
    String test,
    String worker,
    String status,
    int attempts,
    Integer exitCode,
    Long durationMs,
    Long cpuMs,
    String stdout,
    String stderr,
    String isolation,
    TestReport report) {

    /** A subtask without a parsed report. */
    public SubtaskView(String id, String test, String worker, String status, int attempts, Integer exitCode, Long durationMs,
                       Long cpuMs, String stdout, String stderr, String isolation) {
        this(id, test, worker, status, attempts, exitCode, durationMs, cpuMs, stdout, stderr, isolation, null);
    }
}
