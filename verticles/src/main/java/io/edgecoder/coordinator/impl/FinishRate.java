package io.edgecoder.coordinator.impl;

import java.util.function.DoubleSupplier;

/**
 * Jobs this coordinator finished per second lately, from the running total of finished jobs,
 * for the Retry-After estimate of a full queue: the rate since a mark that moves every 30 s.
 * Confined to the coordinator's event loop.
 */
final class FinishRate {
    private static final long MARK_EVERY_MS = 30_000;
    private final DoubleSupplier total;
    private long markAt = System.currentTimeMillis();
    private double markTotal;
    private double lastRate;

    FinishRate(DoubleSupplier total) {
        this.total = total;
        this.markTotal = total.getAsDouble();
    }

    double perSecond() {
        long now = System.currentTimeMillis();
        double t = total.getAsDouble();
        if (now - markAt >= 1000) {
            lastRate = (t - markTotal) * 1000.0 / (now - markAt);
        }
        if (now - markAt >= MARK_EVERY_MS) {
            markAt = now;
            markTotal = t;
        }
        return lastRate;
    }
}
