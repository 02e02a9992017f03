package io.edgecoder.app.bench;

import java.util.Arrays;

/** Percentiles of a sample of durations in nanoseconds, printed in milliseconds. */
final class Stats {
    private final long[] sorted;

    Stats(long[] nanos) {
        sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    double percentileMillis(double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    String summary() {
        return String.format("n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms", sorted.length,
            percentileMillis(50), percentileMillis(90), percentileMillis(99), sorted[sorted.length - 1] / 1e6);
    }
}
