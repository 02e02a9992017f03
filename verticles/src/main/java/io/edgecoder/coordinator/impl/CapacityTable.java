package io.edgecoder.coordinator.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The coordinator's view of worker capacity, built from heartbeats, and the queue of work waiting
 * for it. Confined to the coordinator verticle's event loop (no locking). Subtasks acquire a
 * {@link Lease} on a worker slot; when no allowed worker has a free slot the request waits in the
 * {@link Waitlist} (weighted fair share between accounts, priority within one) and is served as
 * capacity appears. A waiting request fails only when no allowed worker has been known for
 * {@code waitMillis}; while one is known (busy, or idle for its owner's power settings) it keeps its
 * place. The known workers are a {@link WorkerIndex}, one placement decision a {@link WorkerChoice}. A worker that misses heartbeats is forgotten, and every lease on it is marked lost so its
 * subtasks are run again elsewhere. Each lease says why its worker was chosen and why others were
 * passed over.
 */
public final class CapacityTable {
    private final int missedHeartbeats;
    private final WorkerIndex workers;
    private final WorkerChoice choice;
    private final Waitlist waitlist;

    public CapacityTable(Vertx vertx, int missedHeartbeats) {
        this(vertx, missedHeartbeats, nodeId -> false);
    }

    /** A table that never places work on a node {@code revoked} names (its heartbeats stop reaching us only later). */
    public CapacityTable(Vertx vertx, int missedHeartbeats, Predicate<String> revoked) {
        this(vertx, missedHeartbeats, revoked, w -> Optional.empty());
    }

    /**
     * A table that also places no work on a worker {@code barred} names a reason for (the control
     * plane's blacklist), read at each placement.
     */
    public CapacityTable(Vertx vertx, int missedHeartbeats, Predicate<String> revoked,
                         Function<WorkerEntry, Optional<String>> barred) {
        this(vertx, missedHeartbeats, revoked, barred, account -> 1);
    }

    /** A table whose fair shares weigh each account by {@code weights} (at least 1). */
    public CapacityTable(Vertx vertx, int missedHeartbeats, Predicate<String> revoked,
                         Function<WorkerEntry, Optional<String>> barred, ToIntFunction<String> weights) {
        this.missedHeartbeats = missedHeartbeats;
        this.workers = new WorkerIndex(revoked, barred);
        this.choice = new WorkerChoice(workers);
        this.waitlist = new Waitlist(vertx, workers, placement -> choice.choose(placement, this), weights);
    }

    /** Why {@code worker} may get no work and have no result accepted now (a blacklist rule), if it may not. */
    public Optional<String> barred(WorkerEntry worker) {
        return workers.barred(worker);
    }

    /** Whether {@code nodeId} is revoked: it gets no work, and its results still in flight are refused. */
    public boolean isRevoked(String nodeId) {
        return workers.isRevoked(nodeId);
    }

    /** Records a heartbeat and serves waiting requests that the new capacity can satisfy. */
    public void onHeartbeat(WorkerHeartbeat heartbeat, long nowMillis) {
        onHeartbeat(heartbeat, false, nowMillis);
    }

    /**
     * Records a heartbeat of a worker that the transport says is ({@code edge}) or is not on the
     * edge ring; an edge worker is never inside a requester's trust domain. Waiting work is served
     * only when the heartbeat brings capacity (a new worker, more free slots, power back).
     */
    public void onHeartbeat(WorkerHeartbeat heartbeat, boolean edge, long nowMillis) {
        onHeartbeat(heartbeat, edge, null, nowMillis);
    }

    /**
     * Records a heartbeat that the bus says node {@code carrier} sent (null: unknown, or through a
     * bridge); a worker that announces batched runs gets them through that node.
     */
    public void onHeartbeat(WorkerHeartbeat heartbeat, boolean edge, String carrier, long nowMillis) {
        if (workers.record(heartbeat, edge, carrier, nowMillis)) {
            waitlist.serve();
        }
    }

    /** Forgets workers silent for longer than the allowed missed heartbeats; returns their ids. */
    public List<String> expire(long nowMillis) {
        return workers.expire(nowMillis, missedHeartbeats);
    }

    /** Forgets a worker at once (for example when it announces shutdown). */
    public void forget(String nodeId) {
        workers.forget(nodeId);
    }

    public List<WorkerHeartbeat> snapshot() {
        return workers.snapshot();
    }

    public int size() {
        return workers.size();
    }

    /** Subtasks waiting for a slot. */
    public int waiting() {
        return waitlist.size();
    }

    /** Subtasks waiting for a slot plus subtasks holding one. */
    public long demand() {
        return waitlist.size() + workers.held();
    }

    /** Free slots across all known workers that may take work now, as this coordinator sees them. */
    public long freeSlots() {
        return workers.freeSlots();
    }

    /** Whether any known worker satisfies {@code eligible} regardless of free slots. */
    public boolean anyEligible(Predicate<WorkerHeartbeat> eligible) {
        return workers.anyEligible(eligible);
    }

    /** The worker's entry, if it is known. */
    public Optional<WorkerEntry> entry(String nodeId) {
        return workers.entry(nodeId);
    }

    /**
     * A slot on the eligible worker with the most free capacity, preferring workers not in
     * {@code avoid}; waits while an eligible worker is known, failing after {@code waitMillis} without one.
     */
    public Future<Lease> acquire(Predicate<WorkerHeartbeat> eligible, Set<String> avoid, long waitMillis) {
        return acquire(Placement.of(eligible, avoid), waitMillis);
    }

    /**
     * A slot on a worker the placement allows, the best ranked first ({@link Placement}, then power,
     * then the most free capacity). When none is free the request waits in fair order; it fails
     * only when no allowed worker has been known for {@code waitMillis}.
     */
    public Future<Lease> acquire(Placement placement, long waitMillis) {
        Optional<Lease> now = choice.choose(placement, this);
        if (now.isPresent()) {
            return Future.succeededFuture(now.get());
        }
        return waitlist.enqueue(placement, waitMillis);
    }

    /**
     * Withdraws the waiting requests of job {@code jobId} (cancelled or expired), failing them with
     * {@code failure}; returns how many there were.
     */
    public int withdraw(String jobId, MeshException failure) {
        return waitlist.withdraw(jobId, failure);
    }

    void released(String nodeId, Lease lease) {
        WorkerState w = workers.get(nodeId);
        if (w != null && w.leases.remove(lease)) {
            workers.reindex(w);
            waitlist.serve();
        }
    }

    Lease leased(WorkerState w, Lease lease) {
        w.leases.add(lease);
        workers.reindex(w);
        return lease;
    }

    /** A slot on one worker, held while a subtask attempt runs there. */
    public static final class Lease {
        private final WorkerEntry worker;
        private final CapacityTable table;
        private final String id = UUID.randomUUID().toString();
        final Promise<Void> lost = Promise.promise();
        private final String placement;
        private final List<String> passedOver;
        private boolean released;

        Lease(WorkerEntry worker, CapacityTable table) {
            this(worker, table, null, List.of());
        }

        Lease(WorkerEntry worker, CapacityTable table, String placement, List<String> passedOver) {
            this.worker = worker;
            this.table = table;
            this.placement = placement;
            this.passedOver = passedOver;
        }

        public String nodeId() {
            return worker.nodeId();
        }

        /** The worker as it was known when the lease was granted (its key, organisation, cores). */
        public WorkerEntry worker() {
            return worker;
        }

        /** A random id naming this lease in the worker's signed statement. */
        public String id() {
            return id;
        }

        public String isolation() {
            return worker.isolation();
        }

        /** Why this worker was chosen. */
        public String placement() {
            return placement;
        }

        /** Why other workers were passed over, grouped by reason. */
        public List<String> passedOver() {
            return passedOver;
        }

        /** Fails when the worker is forgotten while the lease is held. */
        public Future<Void> lost() {
            return lost.future();
        }

        public void release() {
            if (!released) {
                released = true;
                table.released(worker.nodeId(), this);
            }
        }
    }
}
