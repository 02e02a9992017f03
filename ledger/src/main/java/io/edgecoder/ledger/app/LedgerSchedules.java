package io.edgecoder.ledger.app;

import io.edgecoder.ledger.impl.CheckpointScheduler;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's background work: checkpoints, issuance recalculation, expiry of payment
 * intents and forgetting of long-expired quotes. Each job runs at most once at a time on this
 * node; the services themselves keep several nodes from doing the same work twice.
 */
final class LedgerSchedules {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerSchedules.class);
    private static final long SWEEP_MS = 10_000;

    private final Vertx vertx;
    private final LedgerServices services;
    private final LedgerConfig config;
    private final List<Long> timers = new ArrayList<>();
    private CheckpointScheduler checkpoints;
    private boolean issuing;

    LedgerSchedules(Vertx vertx, LedgerServices services, LedgerConfig config) {
        this.vertx = vertx;
        this.services = services;
        this.config = config;
    }

    void start() {
        LedgerConfig.Checkpointing c = config.checkpoints();
        checkpoints = new CheckpointScheduler(vertx, services.checkpoints, c.everyEntries(), c.maxAge(), c.tick());
        checkpoints.start();
        timers.add(vertx.setPeriodic(SWEEP_MS, id -> sweep()));
        if (services.issuance != null) {
            long tick = Math.min(SWEEP_MS, config.economy().issuance().recalc().toMillis());
            timers.add(vertx.setPeriodic(tick, id -> recalculate()));
        }
    }

    private void sweep() {
        services.intents.expireDue().onFailure(e -> LOG.warn("payment intents not expired: {}", e.getMessage()));
        services.quotes.forgetExpired().onFailure(e -> LOG.warn("expired quotes not forgotten: {}", e.getMessage()));
        services.inference.sweep(java.time.Instant.now().minus(config.inferenceEscrowTtl()))
            .onSuccess(n -> {
                if (n > 0) {
                    LOG.info("returned the escrow of {} model call(s) that never reported back", n);
                }
            })
            .onFailure(e -> LOG.warn("model call escrows not swept: {}", e.getMessage()))
            .transform(ar -> services.allowances.sweep(java.time.Instant.now()))
            .onSuccess(n -> {
                if (n > 0) {
                    LOG.info("returned the rest of {} model-call allowance(s)", n);
                }
            })
            .onFailure(e -> LOG.warn("model-call allowances not swept: {}", e.getMessage()));
    }

    private void recalculate() {
        if (issuing) {
            return;
        }
        issuing = true;
        services.issuance.recalculate()
            .onFailure(e -> LOG.warn("issuance window not computed: {}", e.getMessage()))
            .onComplete(ar -> issuing = false);
    }

    void stop() {
        if (checkpoints != null) {
            checkpoints.stop();
        }
        timers.forEach(vertx::cancelTimer);
    }
}
