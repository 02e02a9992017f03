package io.edgecoder.worker.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs sandboxed work on a worker pool of exactly {@code slots} threads, admits up to
 * {@code queue} more runs waiting for a slot, and declines anything beyond with
 * {@link ErrorCode#OVERLOADED} so the coordinator tries another worker. Every change of the
 * running or waiting count is reported on the owner's context.
 */
public final class SlotScheduler {
    private final Context context;
    private final Sandbox sandbox;
    private final int slots;
    private final int queue;
    private final Runnable onChange;
    private final WorkerExecutor executor;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;
    private final JobRuns jobRuns = new JobRuns();

    public SlotScheduler(Vertx vertx, Sandbox sandbox, int slots, int queue, Runnable onChange) {
        this.context = vertx.getOrCreateContext();
        this.sandbox = sandbox;
        this.slots = slots;
        this.queue = queue;
        this.onChange = onChange;
        // A run may last the longest job timeout; the blocked-thread checker should not cry wolf.
        this.executor = vertx.createSharedWorkerExecutor("edgecoder-sandbox-" + UUID.randomUUID(), slots, 15, TimeUnit.MINUTES);
    }

    /** Runs the spec when a slot is free; fails at once with 429 when slots and queue are full. */
    public Future<RunResult> submit(RunSpec spec) {
        return submit(null, spec);
    }

    /**
     * As {@link #submit(RunSpec)}, for a run of job {@code jobId} (null: of no job), which
     * {@link #cancel} stops; a run of a cancelled job is refused with 409.
     */
    public Future<RunResult> submit(String jobId, RunSpec spec) {
        if (jobId != null && jobRuns.cancelled(jobId)) {
            return Future.failedFuture(JobRuns.refusal(jobId));
        }
        if (closed) {
            return Future.failedFuture(MeshException.unavailable("worker is shutting down"));
        }
        if (admitted.incrementAndGet() > slots + queue) {
            admitted.decrementAndGet();
            return Future.failedFuture(new MeshException(ErrorCode.OVERLOADED,
                "worker is full (" + slots + " slots, " + queue + " queued); try another worker"));
        }
        changed();
        return executor.executeBlocking(() -> runInSlot(jobId, spec), false)
            .andThen(ar -> {
                admitted.decrementAndGet();
                changed();
            });
    }

    private RunResult runInSlot(String jobId, RunSpec spec) {
        if (closed) {
            throw MeshException.unavailable("worker is shutting down");
        }
        JobRuns.Ticket ticket = jobId == null ? null : jobRuns.started(jobId);
        if (jobId != null && ticket == null) {
            throw JobRuns.refusal(jobId);
        }
        running.incrementAndGet();
        changed();
        try {
            return sandbox.run(spec);
        } finally {
            running.decrementAndGet();
            if (ticket != null) {
                jobRuns.ended(jobId, ticket);
            }
        }
    }

    /**
     * Cancels job {@code jobId} here: its runs in progress are interrupted (the sandbox kills the
     * process tree; they end {@code killed}), its queued runs never start, and later runs are
     * refused. Returns how many runs were interrupted.
     */
    public int cancel(String jobId) {
        return jobRuns.cancel(jobId);
    }

    private void changed() {
        context.runOnContext(v -> onChange.run());
    }

    public int slots() {
        return slots;
    }

    public int freeSlots() {
        return Math.max(0, slots - running.get());
    }

    /** Runs admitted but not yet in a slot. */
    public int queued() {
        return Math.max(0, admitted.get() - running.get());
    }

    /** Declines new work, kills runs in progress (they end as {@code killed}), closes the sandbox and frees the pool. */
    public Future<Void> close() {
        closed = true;
        return context.owner().executeBlocking(() -> {
            sandbox.close();
            return null;
        }).compose(v -> executor.close());
    }
}
