package io.edgecoder.core.trust;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs refused messages without letting a flood of them flood the log: at most a burst of lines
 * per window, then one line saying how many were not shown.
 */
final class RefusalLog {
    private static final long WINDOW_MS = 10_000;
    private static final int BURST = 20;

    private final Logger log;
    private long windowStart;
    private int shown;
    private final AtomicLong suppressed = new AtomicLong();

    RefusalLog(Logger log) {
        this.log = log;
    }

    synchronized void log(String address, String reason) {
        long now = System.currentTimeMillis();
        if (now - windowStart > WINDOW_MS) {
            long hidden = suppressed.getAndSet(0);
            if (hidden > 0) {
                log.warn("security: {} more refused bus messages were not logged", hidden);
            }
            windowStart = now;
            shown = 0;
        }
        if (shown++ < BURST) {
            log.warn("security: refused a message to {}: {}", address, reason);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
