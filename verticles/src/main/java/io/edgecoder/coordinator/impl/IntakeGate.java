package io.edgecoder.coordinator.impl;

import io.edgecoder.core.JobIntake;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Bounds the submissions a coordinator works on at once. Without it a burst (200 jobs posted at
 * once) queued every submission's statements on the database pool behind one another and behind
 * the work of the jobs already started, so the last ones were answered after their caller's bus
 * timeout, when the caller could no longer tell whether the job had been recorded (a 503 the
 * client might retry into a second job). Here at most {@code concurrency} submissions run; the
 * others wait in line, in order, at most {@code maxWait}; one that cannot start in time, or finds
 * the line full, is refused with 429 and Retry-After before anything of it is recorded, so its
 * caller knows it may submit again. Used on one context (the coordinator verticle's).
 */
public final class IntakeGate {
    /** Submissions in progress at once at one coordinator (the database pool holds a few connections). */
    public static final int DEFAULT_CONCURRENCY = 64;
    /** Submissions waiting in line at most; each holds its job in memory. */
    public static final int DEFAULT_MAX_WAITING = 256;

    private final Vertx vertx;
    private final int concurrency;
    private final int maxWaiting;
    private final long maxWaitMillis;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int running;
    private double averageMillis = 50;

    public IntakeGate(Vertx vertx, int concurrency, int maxWaiting, Duration maxWait) {
        if (concurrency < 1 || maxWaiting < 0 || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("intake gate: concurrency >= 1, maxWaiting >= 0, maxWait > 0");
        }
        this.vertx = vertx;
        this.concurrency = concurrency;
        this.maxWaiting = maxWaiting;
        this.maxWaitMillis = maxWait.toMillis();
    }

    /** A gate that never makes a submission wait (services built by hand in tools and tests). */
    public static IntakeGate unbounded() {
        return new IntakeGate(null, Integer.MAX_VALUE, 0, Duration.ofSeconds(1));
    }

    private static final class Waiter {
        final Promise<Void> turn = Promise.promise();
        long timer;
    }

    /** Runs {@code work} when a place is free; a 429 (work not run) when none frees within the wait. */
    public <T> Future<T> admit(Supplier<Future<T>> work) {
        if (running < concurrency && waiting.isEmpty()) {
            return run(work);
        }
        if (waiting.size() >= maxWaiting) {
            return Future.failedFuture(busy());
        }
        Waiter waiter = new Waiter();
        waiting.add(waiter);
        waiter.timer = vertx.setTimer(maxWaitMillis, id -> {
            if (waiting.remove(waiter)) {
                waiter.turn.fail(busy());
            }
        });
        return waiter.turn.future().compose(v -> run(work));
    }

    /** Submissions in progress now. */
    public int running() {
        return running;
    }

    /** Submissions waiting in line now. */
    public int waiting() {
        return waiting.size();
    }

    private <T> Future<T> run(Supplier<Future<T>> work) {
        running++;
        long started = System.nanoTime();
        Future<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.andThen(ar -> release(started));
    }

    private void release(long started) {
        running--;
        averageMillis = 0.8 * averageMillis + 0.2 * (System.nanoTime() - started) / 1e6;
        Waiter next = waiting.poll();
        if (next != null) {
            vertx.cancelTimer(next.timer);
            next.turn.complete();
        }
    }

    private MeshException busy() {
        long seconds = (long) Math.ceil((waiting.size() + running) * averageMillis / concurrency / 1000);
        return RetryAfter.overloaded("intake busy: " + waiting.size() + " submission(s) waiting at this coordinator;"
            + " nothing of this one was recorded: submit it again (with the same " + JobIntake.IDEMPOTENCY_HEADER
            + ", if it has one)", Math.max(1, Math.min(60, seconds)));
    }
}
