package io.edgecoder.core.policy;

import io.edgecoder.core.message.NodeHealth;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a node measured since its last policy acknowledgement: a worker records each sandbox run,
 * a coordinator each subtask attempt. The policy applier drains it into the next acknowledgement,
 * which the rollout health gate reads. Thread-safe; cheap enough to call on every run.
 */
public final class HealthWindow {
    /** Outcomes that count as errors: the infrastructure failed, not the code under test. */
    public static final Set<String> ERRORS = Set.of("error", "timeout", "killed", "incomplete", "lost", "refused", "gave_up");

    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong latencyMs = new AtomicLong();

    /** One run or attempt that ended with {@code outcome} after {@code latencyMs}. */
    public void record(String outcome, long latencyMs) {
        runs.incrementAndGet();
        if (outcome != null && ERRORS.contains(outcome)) {
            errors.incrementAndGet();
        }
        this.latencyMs.addAndGet(Math.max(0, latencyMs));
    }

    /** The window so far, reset; null when nothing ran. */
    public NodeHealth drain() {
        long n = runs.getAndSet(0);
        long e = errors.getAndSet(0);
        long total = latencyMs.getAndSet(0);
        return n == 0 ? null : new NodeHealth(n, Math.min(e, n), total / n);
    }
}
