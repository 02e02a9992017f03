package io.edgecoder.ledger.impl;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a checkpoint every {@code everyEntries} new entries or {@code maxAge}, whichever
 * comes first, checking every {@code tick}. One check at a time per node; across nodes the
 * checkpoint writer's advisory lock keeps them in order.
 */
public final class CheckpointScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointScheduler.class);

    private final Vertx vertx;
    private final PgCheckpoints checkpoints;
    private final long everyEntries;
    private final Duration maxAge;
    private final Duration tick;
    private long timerId = -1;
    private boolean running;

    public CheckpointScheduler(Vertx vertx, PgCheckpoints checkpoints, long everyEntries, Duration maxAge, Duration tick) {
        this.vertx = vertx;
        this.checkpoints = checkpoints;
        this.everyEntries = everyEntries;
        this.maxAge = maxAge;
        this.tick = tick;
    }

    public void start() {
        timerId = vertx.setPeriodic(tick.toMillis(), id -> check());
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void check() {
        if (running) {
            return;
        }
        running = true;
        checkpoints.createIfDue(everyEntries, maxAge)
            .onSuccess(cp -> cp.ifPresent(c -> LOG.info("ledger checkpoint {} over {} entries", c.id(), c.treeSize())))
            .onFailure(e -> LOG.warn("ledger checkpoint not written: {}", e.getMessage()))
            .onComplete(ar -> running = false);
    }
}
