package io.edgecoder.worker;

import java.util.Locale;

/** How a sandboxed run ended; {@link #wire()} is the string carried in {@code RunSubtaskReply.status}. */
public enum RunStatus {
    /** The runtime exited 0 and at least one test ran, none failed. */
    PASSED,
    /** Tests ran (or could not be loaded) and something failed. */
    FAILED,
    /** The sandbox could not start the run (missing runtime, workspace could not be written). */
    ERROR,
    /** Wall-clock or CPU time limit reached; the whole process tree was killed. */
    TIMEOUT,
    /** The run hit its memory limit. */
    MEMORY_LIMIT,
    /** The run wrote more output than the hard output cap; it was killed. */
    OUTPUT_LIMIT,
    /** The run was killed by a signal it did not ask for, or the worker stopped. */
    KILLED,
    /**
     * The run's report is incomplete: its output could not be read to the end, or it exited 0
     * without the runner's summary. Nothing is known about the tests; an infrastructure outcome
     * the caller retries, never a failure.
     */
    INCOMPLETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
