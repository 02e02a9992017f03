package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.impl.Outcome.KillReason;
import java.util.List;

/** Turns what the supervisor saw and what the runner reported into one status a caller can act on. */
final class Verdicts {
    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;
    static final int SIGXFSZ = 25;

    private static final List<String> OUT_OF_MEMORY = List.of(
        "MemoryError", "JavaScript heap out of memory", "Fatal process out of memory",
        "Array buffer allocation failed", "Cannot allocate memory",
        // The JVM: heap exhausted, or it could not even reserve its heap under an address-space rlimit.
        "java.lang.OutOfMemoryError", "Could not reserve enough space", "insufficient memory for the Java Runtime Environment");

    private Verdicts() {
    }

    /** As {@link #status(Outcome, TestReport, boolean, boolean, boolean)} for a report with the runner's summary. */
    static SubtaskStatus status(Outcome outcome, TestReport report, boolean memoryHit, boolean cpuLimitHit) {
        return status(outcome, report, true, memoryHit, cpuLimitHit);
    }

    /**
     * A run is {@code failed} only on evidence: a non-zero exit, or a whole report naming
     * failures or no test at all. Output that was not read to its end, or a clean exit whose
     * output lacks the runner's summary and shows no test, is {@code incomplete}: it says nothing
     * about the tests, so the caller runs them again.
     *
     * @param summarySeen the output holds the runner's summary ({@link TestOutputParser#hasSummary})
     * @param memoryHit the sandbox saw its memory limit reached (cgroup OOM); text hints count too
     * @param cpuLimitHit the tree used its CPU allowance (RLIMIT_CPU)
     */
    static SubtaskStatus status(Outcome outcome, TestReport report, boolean summarySeen, boolean memoryHit, boolean cpuLimitHit) {
        if (outcome.startError() != null) {
            return SubtaskStatus.ERROR;
        }
        if (outcome.killReason() != KillReason.NONE) {
            return switch (outcome.killReason()) {
                case TIMEOUT -> SubtaskStatus.TIMEOUT;
                case OUTPUT_LIMIT -> SubtaskStatus.OUTPUT_LIMIT;
                default -> SubtaskStatus.KILLED;
            };
        }
        if (!outcome.outputComplete()) {
            return SubtaskStatus.INCOMPLETE;
        }
        boolean exitedZero = outcome.exitCode() == 0;
        if (exitedZero && report.failed() == 0 && report.run() > 0) {
            return SubtaskStatus.PASSED;
        }
        if (exitedZero && report.run() == 0 && !summarySeen) {
            return SubtaskStatus.INCOMPLETE;
        }
        if (memoryHit || mentionsOutOfMemory(outcome)) {
            return SubtaskStatus.MEMORY_LIMIT;
        }
        if (outcome.signal() == SIGXCPU || (outcome.signal() == SIGKILL && cpuLimitHit)) {
            return SubtaskStatus.TIMEOUT;
        }
        return outcome.signal() != 0 ? SubtaskStatus.KILLED : SubtaskStatus.FAILED;
    }

    private static boolean mentionsOutOfMemory(Outcome outcome) {
        return OUT_OF_MEMORY.stream().anyMatch(s -> outcome.stderr().contains(s) || outcome.stdout().contains(s));
    }

    /** A note appended to stderr so the reader sees why the sandbox ended the run. */
    static String note(TestReport report, Outcome outcome, SubtaskStatus status, long timeoutMs) {
        return switch (status) {
            case TIMEOUT -> "\n[edgecoder: time limit reached (" + timeoutMs + " ms wall clock or the CPU allowance); process tree killed]\n";
            case OUTPUT_LIMIT -> "\n[edgecoder: output limit reached; process tree killed]\n";
            case MEMORY_LIMIT -> "\n[edgecoder: memory limit reached]\n";
            case KILLED -> "\n[edgecoder: killed by signal " + outcome.signal() + "]\n";
            case FAILED -> report.run() == 0 ? "\n[edgecoder: no test ran]\n" : "";
            case INCOMPLETE -> outcome.outputComplete()
                ? "\n[edgecoder: incomplete report: exit code 0 but the test runner's summary is missing; not a verdict, run again]\n"
                : "\n[edgecoder: incomplete report: the output could not be read to its end; not a verdict, run again]\n";
            default -> "";
        };
    }
}
