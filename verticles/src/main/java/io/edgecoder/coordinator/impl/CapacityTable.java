package io.edgecoder.coordinator.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The coordinator's view of worker capacity, built from heartbeats. Confined to the
 * coordinator verticle's event loop (no locking). Subtasks acquire a {@link Lease} on a worker
 * slot; when no eligible worker has a free slot the request waits (bounded) and is served in
 * arrival order as capacity appears. A worker that misses heartbeats is forgotten, and every
 * lease on it is marked lost so its subtasks are run again elsewhere.
 */
public final class CapacityTable {
    private final Vertx vertx;
    private final int missedHeartbeats;
    private final Map<String, WorkerState> workers = new HashMap<>();
    private final LinkedList<Waiter> waiters = new LinkedList<>();

    private final Predicate<String> revoked;
    private final java.util.function.Function<WorkerEntry, Optional<String>> barred;

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
                         java.util.function.Function<WorkerEntry, Optional<String>> barred) {
        this.vertx = vertx;
        this.missedHeartbeats = missedHeartbeats;
        this.revoked = revoked;
        this.barred = barred;
    }

    /** Why {@code worker} may get no work and have no result accepted now (a blacklist rule), if it may not. */
    public Optional<String> barred(WorkerEntry worker) {
        return barred.apply(worker);
    }

    /** Whether {@code nodeId} is revoked: it gets no work, and its results still in flight are refused. */
    public boolean isRevoked(String nodeId) {
        return revoked.test(nodeId);
    }

    /** Records a heartbeat and serves waiting requests that the new capacity can satisfy. */
    public void onHeartbeat(WorkerHeartbeat heartbeat, long nowMillis) {
        onHeartbeat(heartbeat, false, nowMillis);
    }

    /**
     * Records a heartbeat of a worker that the transport says is ({@code edge}) or is not on the
     * edge ring; an edge worker is never inside a requester's trust domain.
     */
    public void onHeartbeat(WorkerHeartbeat heartbeat, boolean edge, long nowMillis) {
        workers.computeIfAbsent(heartbeat.nodeId(), id -> new WorkerState()).update(heartbeat, edge, nowMillis);
        serveWaiters();
    }

    /** Forgets workers silent for longer than the allowed missed heartbeats; returns their ids. */
    public List<String> expire(long nowMillis) {
        List<String> gone = new ArrayList<>();
        for (Iterator<Map.Entry<String, WorkerState>> it = workers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, WorkerState> e = it.next();
            WorkerState w = e.getValue();
            if (nowMillis - w.lastSeen > (long) missedHeartbeats * w.heartbeat.intervalMs() + w.heartbeat.intervalMs() / 2) {
                it.remove();
                gone.add(e.getKey());
                w.leases.forEach(lease -> lease.lost.tryFail(
                    new MeshException(ErrorCode.UNAVAILABLE, "worker " + e.getKey() + " stopped sending heartbeats")));
            }
        }
        return gone;
    }

    /** Forgets a worker at once (for example when it announces shutdown). */
    public void forget(String nodeId) {
        WorkerState w = workers.remove(nodeId);
        if (w != null) {
            w.leases.forEach(lease -> lease.lost.tryFail(new MeshException(ErrorCode.UNAVAILABLE, "worker " + nodeId + " left")));
        }
    }

    public List<WorkerHeartbeat> snapshot() {
        return workers.values().stream().map(w -> w.heartbeat).toList();
    }

    public int size() {
        return workers.size();
    }

    /** Subtasks waiting for a slot plus subtasks holding one. */
    public long demand() {
        return waiters.size() + workers.values().stream().mapToLong(w -> w.leases.size()).sum();
    }

    /** Free slots across all known workers, as this coordinator sees them. */
    public long freeSlots() {
        return workers.values().stream().mapToLong(w -> Math.max(0, w.free())).sum();
    }

    /** Whether any known worker satisfies {@code eligible} regardless of free slots. */
    public boolean anyEligible(Predicate<WorkerHeartbeat> eligible) {
        return workers.values().stream().anyMatch(w -> eligible.test(w.heartbeat));
    }

    /** The worker's entry, if it is known. */
    public Optional<WorkerEntry> entry(String nodeId) {
        WorkerState w = workers.get(nodeId);
        return w == null ? Optional.empty() : Optional.of(w.entry());
    }

    /**
     * A slot on the eligible worker with the most free capacity, preferring workers not in
     * {@code avoid}; waits up to {@code waitMillis} for one to appear.
     */
    public Future<Lease> acquire(Predicate<WorkerHeartbeat> eligible, Set<String> avoid, long waitMillis) {
        return acquire(Placement.of(eligible, avoid), waitMillis);
    }

    /**
     * A slot on a worker the placement allows, the best ranked first and among equals the one
     * with the most free capacity; waits up to {@code waitMillis} for one to appear.
     */
    public Future<Lease> acquire(Placement placement, long waitMillis) {
        Optional<Lease> now = tryAcquire(placement);
        if (now.isPresent()) {
            return Future.succeededFuture(now.get());
        }
        Waiter waiter = new Waiter(placement, Promise.promise());
        if (placement.urgent()) {
            waiters.addFirst(waiter);
        } else {
            waiters.add(waiter);
        }
        waiter.timer = vertx.setTimer(Math.max(1, waitMillis), id -> {
            if (waiters.remove(waiter)) {
                waiter.promise.tryFail(new MeshException(ErrorCode.UNAVAILABLE,
                    "no eligible worker with a free slot within " + waitMillis + " ms"));
            }
        });
        return waiter.promise.future();
    }

    private Optional<Lease> tryAcquire(Placement placement) {
        return workers.values().stream()
            .filter(w -> w.free() > 0)
            .filter(w -> !revoked.test(w.entry().nodeId()))
            .filter(w -> barred.apply(w.entry()).isEmpty())
            .filter(w -> placement.allows(w.entry()))
            .min(Comparator.<WorkerState>comparingInt(w -> placement.rank(w.entry()))
                .thenComparing(w -> -w.free())
                .thenComparing(w -> w.leases.size()))
            .map(w -> w.lease(this));
    }

    private void serveWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            Optional<Lease> lease = tryAcquire(waiter.placement);
            if (lease.isEmpty()) {
                continue;
            }
            it.remove();
            vertx.cancelTimer(waiter.timer);
            if (!waiter.promise.tryComplete(lease.get())) {
                lease.get().release();
            }
        }
    }

    void released(String nodeId, Lease lease) {
        WorkerState w = workers.get(nodeId);
        if (w != null && w.leases.remove(lease)) {
            serveWaiters();
        }
    }

    /** A slot on one worker, held while a subtask attempt runs there. */
    public static final class Lease {
        private final WorkerEntry worker;
        private final CapacityTable table;
        private final String id = UUID.randomUUID().toString();
        private final Promise<Void> lost = Promise.promise();
        private boolean released;

        Lease(WorkerEntry worker, CapacityTable table) {
            this.worker = worker;
            this.table = table;
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

    private static final class WorkerState {
        private WorkerHeartbeat heartbeat;
        private WorkerEntry entry;
        private long lastSeen;
        private final Set<Lease> leases = new LinkedHashSet<>();

        void update(WorkerHeartbeat hb, boolean edge, long now) {
            heartbeat = hb;
            entry = WorkerEntry.of(hb, edge);
            lastSeen = now;
        }

        WorkerEntry entry() {
            return entry;
        }

        /** Free slots as this coordinator sees them: its own leases or the worker's report, whichever is busier. */
        int free() {
            int busyReported = heartbeat.slots() - heartbeat.freeSlots();
            return heartbeat.slots() - Math.max(leases.size(), busyReported);
        }

        Lease lease(CapacityTable table) {
            Lease lease = new Lease(entry, table);
            leases.add(lease);
            return lease;
        }
    }

    private static final class Waiter {
        private final Placement placement;
        private final Promise<Lease> promise;
        private long timer;

        Waiter(Placement placement, Promise<Lease> promise) {
            this.placement = placement;
            this.promise = promise;
        }
    }
}
