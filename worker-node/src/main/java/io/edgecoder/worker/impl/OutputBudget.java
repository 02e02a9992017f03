package io.edgecoder.worker.impl;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Total output allowed to one run across its streams; crossing it fires the kill action once. */
final class OutputBudget {
    private final long maxBytes;
    private final Runnable onExceeded;
    private final AtomicLong used = new AtomicLong();
    private final AtomicBoolean exceeded = new AtomicBoolean();

    OutputBudget(long maxBytes, Runnable onExceeded) {
        this.maxBytes = maxBytes;
        this.onExceeded = onExceeded;
    }

    void add(int bytes) {
        if (used.addAndGet(bytes) > maxBytes && exceeded.compareAndSet(false, true)) {
            onExceeded.run();
        }
    }

    boolean exceeded() {
        return exceeded.get();
    }
}
