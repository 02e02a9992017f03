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

    public CapacityTable(Vertx vertx, int missedHeartbeats) {
        this(vertx, missedHeartbeats, nodeId -> false);
    }

    /** A table that never places work on a node {@code revoked} names (its heartbeats stop reaching us only later). */
    public CapacityTable(Vertx vertx, int missedHeartbeats, Predicate<String> revoked) {
        this.vertx = vertx;
        this.missedHeartbeats = missedHeartbeats;
        this.revoked = revoked;
    }

    /** Records a heartbeat and serves waiting requests that the new capacity can satisfy. */
    public void onHeartbeat(WorkerHeartbeat heartbeat, long nowMillis) {
        workers.computeIfAbsent(heartbeat.nodeId(), id -> new WorkerState()).update(heartbeat, nowMillis);
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

    /**
     * A slot on the eligible worker with the most free capacity, preferring workers not in
     * {@code avoid}; waits up to {@code waitMillis} for one to appear.
     */
    public Future<Lease> acquire(Predicate<WorkerHeartbeat> eligible, Set<String> avoid, long waitMillis) {
        Optional<Lease> now = tryAcquire(eligible, avoid);
        if (now.isPresent()) {
            return Future.succeededFuture(now.get());
        }
        Waiter waiter = new Waiter(eligible, Set.copyOf(avoid), Promise.promise());
        waiters.add(waiter);
        waiter.timer = vertx.setTimer(Math.max(1, waitMillis), id -> {
            if (waiters.remove(waiter)) {
                waiter.promise.tryFail(new MeshException(ErrorCode.UNAVAILABLE,
                    "no eligible worker with a free slot within " + waitMillis + " ms"));
            }
        });
        return waiter.promise.future();
    }

    private Optional<Lease> tryAcquire(Predicate<WorkerHeartbeat> eligible, Set<String> avoid) {
        Optional<Map.Entry<String, WorkerState>> best = pick(eligible, avoid);
        if (best.isEmpty()) {
            best = pick(eligible, Set.of());
        }
        return best.map(e -> e.getValue().lease(e.getKey(), this));
    }

    private Optional<Map.Entry<String, WorkerState>> pick(Predicate<WorkerHeartbeat> eligible, Set<String> avoid) {
        return workers.entrySet().stream()
            .filter(e -> !avoid.contains(e.getKey()))
            .filter(e -> !revoked.test(e.getKey()))
            .filter(e -> eligible.test(e.getValue().heartbeat))
            .filter(e -> e.getValue().free() > 0)
            .max(Comparator.<Map.Entry<String, WorkerState>>comparingInt(e -> e.getValue().free())
                .thenComparing(e -> -e.getValue().leases.size()));
    }

    private void serveWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            Optional<Lease> lease = tryAcquire(waiter.eligible, waiter.avoid);
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
        private final String nodeId;
        private final WorkerHeartbeat heartbeat;
        private final CapacityTable table;
        private final Promise<Void> lost = Promise.promise();
        private boolean released;

        Lease(String nodeId, WorkerHeartbeat heartbeat, CapacityTable table) {
            this.nodeId = nodeId;
            this.heartbeat = heartbeat;
            this.table = table;
        }

        public String nodeId() {
            return nodeId;
        }

        public String isolation() {
            return heartbeat.isolation();
        }

        /** Fails when the worker is forgotten while the lease is held. */
        public Future<Void> lost() {
            return lost.future();
        }

        public void release() {
            if (!released) {
                released = true;
                table.released(nodeId, this);
            }
        }
    }

    private static final class WorkerState {
        private WorkerHeartbeat heartbeat;
        private long lastSeen;
        private final Set<Lease> leases = new LinkedHashSet<>();

        void update(WorkerHeartbeat hb, long now) {
            heartbeat = hb;
            lastSeen = now;
        }

        /** Free slots as this coordinator sees them: its own leases or the worker's report, whichever is busier. */
        int free() {
            int busyReported = heartbeat.slots() - heartbeat.freeSlots();
            return heartbeat.slots() - Math.max(leases.size(), busyReported);
        }

        Lease lease(String nodeId, CapacityTable table) {
            Lease lease = new Lease(nodeId, heartbeat, table);
            leases.add(lease);
            return lease;
        }
    }

    private static final class Waiter {
        private final Predicate<WorkerHeartbeat> eligible;
        private final Set<String> avoid;
        private final Promise<Lease> promise;
        private long timer;

        Waiter(Predicate<WorkerHeartbeat> eligible, Set<String> avoid, Promise<Lease> promise) {
            this.eligible = eligible;
            this.avoid = avoid;
            this.promise = promise;
        }
    }
}
