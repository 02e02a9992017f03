package io.edgecoder.core.message;

/**
 * What a node measured over a window: runs (sandbox runs on a worker, subtask attempts on a
 * coordinator), how many ended in an infrastructure error (error, timeout, killed, incomplete, lost),
 * and their mean latency. The rollout health gate compares these with a rollout's limits.
 */
public record NodeHealth(long runs, long errors, long meanLatencyMs) {
    /** Errors over runs; 0 without runs. */
    public double errorRate() {
        return runs == 0 ? 0 : (double) errors / runs;
    }
}
