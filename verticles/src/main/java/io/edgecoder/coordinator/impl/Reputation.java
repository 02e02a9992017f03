package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerStanding;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's record of agreeing with final verdicts, BOINC-style: a node with fewer than
 * {@code threshold} agreeing replicated results (new or low reputation) always has its work
 * replicated; a node with a longer record is spot-checked, {@code spotCheckPermille} of its
 * results replicated at random. A node that disagrees with a verdict, or signs an impossible
 * measure, is quarantined: it gets no more work from any coordinator sharing the database.
 * Kept in PostgreSQL; this coordinator's copy is confined to its event loop and refreshed
 * from the database by the upkeep.
 */
public final class Reputation {
    private static final Logger LOG = LoggerFactory.getLogger(Reputation.class);

    /** A node's standing: its agreeing replicated results, and whether it is quarantined. */
    public record Standing(long agreed, boolean quarantined) {
    }

    private final PgVerificationStore store;
    private final int threshold;
    private final int spotCheckPermille;
    private final RandomGenerator random;
    /** Refused replies that proved nothing (unsigned, wrongly signed, not the holder's), per node, in memory. */
    static final int MAX_STRIKES = 3;
    private final Map<String, Integer> strikes = new HashMap<>();
    private Map<String, Standing> standings = new HashMap<>();

    public Reputation(PgVerificationStore store, int threshold, int spotCheckPermille, RandomGenerator random) {
        this.store = store;
        this.threshold = threshold;
        this.spotCheckPermille = spotCheckPermille;
        this.random = random;
    }

    /** Reloads every node's standing (other coordinators may have quarantined nodes). */
    public Future<Void> refresh() {
        return store.standings().onSuccess(this::merge).mapEmpty();
    }

    /**
     * The database wins for every node it has a row for (an operator may lift a quarantine there);
     * nodes it has no row for yet keep this coordinator's standing (a write still in flight).
     */
    private void merge(Map<String, Standing> loaded) {
        Map<String, Standing> merged = new HashMap<>(loaded);
        standings.forEach(merged::putIfAbsent);
        standings = merged;
    }

    /** The standing of each worker, in the order given (for the worker list). */
    public List<WorkerStanding> standings(List<WorkerHeartbeat> workers) {
        return workers.stream().map(w -> standing(w.nodeId())).toList();
    }

    private WorkerStanding standing(String nodeId) {
        long agreed = agreed(nodeId);
        return new WorkerStanding(nodeId, agreed, agreed >= threshold, quarantined(nodeId),
            strikes.getOrDefault(nodeId, 0) >= MAX_STRIKES);
    }

    public boolean quarantined(String nodeId) {
        Standing s = standings.get(nodeId);
        return s != null && s.quarantined();
    }

    /**
     * Whether the node gets no more work: quarantined, or suspended by this coordinator after
     * {@value #MAX_STRIKES} replies that could not be checked (an unsigned or forged reply proves
     * nothing about the node, so a suspension is not recorded in the database).
     */
    public boolean excluded(String nodeId) {
        return quarantined(nodeId) || strikes.getOrDefault(nodeId, 0) >= MAX_STRIKES;
    }

    /** Counts a reply from the node that could not be checked. */
    public Future<Void> strike(String nodeId, String reason) {
        int n = strikes.merge(nodeId, 1, Integer::sum);
        if (n == MAX_STRIKES) {
            LOG.warn("worker {} suspended by this coordinator after {} replies that could not be checked; last: {}",
                nodeId, n, reason);
        }
        return Future.succeededFuture();
    }

    public long agreed(String nodeId) {
        Standing s = standings.get(nodeId);
        return s == null ? 0 : s.agreed();
    }

    /** Whether a result of this (untrusted) node must be confirmed by a quorum. */
    public boolean needsReplication(String nodeId) {
        if (agreed(nodeId) < threshold) {
            return true;
        }
        return random.nextInt(1000) < spotCheckPermille;
    }

    public Future<Void> recordAgreement(String nodeId) {
        standings.merge(nodeId, new Standing(1, false), (a, b) -> new Standing(a.agreed() + 1, a.quarantined()));
        return store.agreed(nodeId);
    }

    /** Quarantines the node at once here, and in the database for everyone. */
    public Future<Void> quarantine(String nodeId, String reason, boolean disagreed) {
        if (!quarantined(nodeId)) {
            LOG.warn("worker {} quarantined: {}", nodeId, reason);
        }
        standings.merge(nodeId, new Standing(0, true), (a, b) -> new Standing(a.agreed(), true));
        return store.quarantine(nodeId, reason, disagreed);
    }
}
