package io.edgecoder.core.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waiting on a condition with a deadline, for state that is only observable by asking again
 * (a job's status over the bus or HTTP, a log file, a ledger checkpoint). Fails with what was
 * awaited and the last value seen; never a bare sleep.
 */
public final class Await {
    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /** A probe that may fail (a request, a file read). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Asks {@code probe} until {@code done} holds for its answer, which is returned. */
    public static <T> T until(String what, Duration deadline, Probe<T> probe, Predicate<T> done) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            T last = probe.get();
            if (done.test(last)) {
                return last;
            }
            if (System.nanoTime() >= end) {
                throw new AssertionError(what + " did not happen within " + deadline + "; last seen: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }
}
