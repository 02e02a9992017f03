package io.edgecoder.worker;

import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.message.TestReport;

/**
 * The outcome of one sandboxed run.
 *
 * @param exitCode the runtime's exit code (128 + signal when killed by a signal); null if it never started
 * @param cpuMs user + system CPU time of the whole process tree
 * @param peakMemoryBytes the largest resident size seen (cgroup peak where available); null if unknown
 * @param stdout captured standard output, head and tail kept when over the cap, the cut marked
 * @param outputTruncated whether either stream was cut
 * @param isolation the isolation level the run actually had
 */
public record RunResult(
    SubtaskStatus status,
    Integer exitCode,
    long wallMs,
    long cpuMs,
    Long peakMemoryBytes,
    String stdout,
    String stderr,
    boolean outputTruncated,
    String isolation,
    TestReport report) {

    /** A run that never started. */
    public static RunResult error(String isolation, String message, long wallMs) {
        return new RunResult(SubtaskStatus.ERROR, null, wallMs, 0, null, "", message, false, isolation,
            new TestReport(0, 0, 0, 0, java.util.List.of()));
    }
}
