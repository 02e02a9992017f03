package io.edgecoder.worker.impl;

/**
 * What the supervisor saw of a process: how it ended, for how long, and what it wrote.
 *
 * @param exitCode exit status (128 + signal when a signal ended it); null when it never started
 * @param sampledCpuMs CPU of the tree sampled just before a kill; 0 when not killed
 * @param sampledPeakBytes largest resident size seen at that sample; 0 when not killed
 * @param outputComplete whether both streams were read to their end (false: the drain deadline passed first)
 */
record Outcome(Integer exitCode, KillReason killReason, String startError, long wallMs, String stdout,
               String stderr, boolean truncated, long sampledCpuMs, long sampledPeakBytes, boolean outputComplete) {

    enum KillReason { NONE, TIMEOUT, OUTPUT_LIMIT, STOPPED }

    /** An outcome whose output was read to its end. */
    Outcome(Integer exitCode, KillReason killReason, String startError, long wallMs, String stdout,
            String stderr, boolean truncated, long sampledCpuMs, long sampledPeakBytes) {
        this(exitCode, killReason, startError, wallMs, stdout, stderr, truncated, sampledCpuMs, sampledPeakBytes, true);
    }

    static Outcome notStarted(String error, long wallMs) {
        return new Outcome(null, KillReason.NONE, error, wallMs, "", "", false, 0, 0);
    }

    /** The signal that ended the process, or 0. */
    int signal() {
        return exitCode != null && exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : 0;
    }
}
