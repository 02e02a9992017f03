package io.edgecoder.core.message;

import io.edgecoder.core.SubtaskStatus;
import java.util.List;

/**
 * One subtask (one test file) of a job.
 *
 * @param status a {@link SubtaskStatus} wire name: pending | running | passed | failed | error | timeout |
 *     memory_limit | output_limit | killed | incomplete
 * @param worker node id of the worker of the latest attempt
 * @param isolation the isolation the latest attempt actually ran under
 * @param verification how the result was confirmed (a trusted worker, a quorum of agreeing workers,
 *     a trusted tie-breaker, or accepted on reputation); null until it is final
 * @param refused results refused on the way, each {@code <attempt id>: <reason>} (not the lease
 *     holder, unsigned, wrongly signed, or an impossible measure)
 * @param report the test report the worker parsed from the finished attempt; null until one finished
 * @param placement why the latest attempt went to its worker (the rules it met and how it ranked)
 * @param passedOver why other workers were passed over for it, grouped by reason, each
 *     {@code <reason>: <count> (<a few node ids>)}
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
    String verification,
    List<String> refused,
    TestReport report,
    String placement,
    List<String> passedOver) {

    /** A view without placement explanations. */
    public SubtaskView(String id, String test, String worker, String status, int attempts, Integer exitCode, Long durationMs,
                       Long cpuMs, String stdout, String stderr, String isolation, String verification, List<String> refused,
                       TestReport report) {
        this(id, test, worker, status, attempts, exitCode, durationMs, cpuMs, stdout, stderr, isolation, verification, refused,
            report, null, List.of());
    }

    /** A view without verification details and without a parsed report. */
    public SubtaskView(String id, String test, String worker, String status, int attempts, Integer exitCode, Long durationMs,
                       Long cpuMs, String stdout, String stderr, String isolation) {
        this(id, test, worker, status, attempts, exitCode, durationMs, cpuMs, stdout, stderr, isolation, null, List.of());
    }

    /** A view without a parsed report. */
    public SubtaskView(String id, String test, String worker, String status, int attempts, Integer exitCode, Long durationMs,
                       Long cpuMs, String stdout, String stderr, String isolation, String verification, List<String> refused) {
        this(id, test, worker, status, attempts, exitCode, durationMs, cpuMs, stdout, stderr, isolation, verification, refused,
            null);
    }

    /** {@link #status()} as a {@link SubtaskStatus}; an unknown name fails. */
    public SubtaskStatus subtaskStatus() {
        return SubtaskStatus.of(status);
    }
}
