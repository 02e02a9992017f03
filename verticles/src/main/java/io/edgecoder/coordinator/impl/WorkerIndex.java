package io.edgecoder.coordinator.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The workers a {@link CapacityTable} knows, from their heartbeats, indexed by what placement asks
 * first: the ones with a free slot, and the ones idle for their owner's power settings. Also the
 * two outside rules that keep a known worker from work: revocation and the control plane's
 * blacklist. Confined to the coordinator verticle's event loop, like the table.
 */
final class WorkerIndex {
    private final Map<String, WorkerState> workers = new HashMap<>();
    private final Set<WorkerState> free = new LinkedHashSet<>();
    private final Set<WorkerState> idle = new LinkedHashSet<>();
    private final Predicate<String> revoked;
    private final Function<WorkerEntry, Optional<String>> barred;

    WorkerIndex(Predicate<String> revoked, Function<WorkerEntry, Optional<String>> barred) {
        this.revoked = revoked;
        this.barred = barred;
    }

    /** Records a heartbeat; true when it brought capacity (a new worker, more free slots, power back). */
    boolean record(WorkerHeartbeat heartbeat, boolean edge, String carrier, long nowMillis) {
        WorkerState w = workers.get(heartbeat.nodeId());
        boolean known = w != null;
        int freeBefore = known && !idle.contains(w) ? w.free() : 0;
        if (!known) {
            w = new WorkerState();
            workers.put(heartbeat.nodeId(), w);
        }
        w.update(heartbeat, edge, carrier, nowMillis);
        reindex(w);
        return free.contains(w) && (!known || w.free() > freeBefore);
    }

    void reindex(WorkerState w) {
        if (w.powerRefusal() != null) {
            free.remove(w);
            idle.add(w);
            return;
        }
        idle.remove(w);
        if (w.free() > 0) {
            free.add(w);
        } else {
            free.remove(w);
        }
    }

    private void unindex(WorkerState w) {
        free.remove(w);
        idle.remove(w);
    }

    /** Forgets workers silent for longer than {@code missedHeartbeats} intervals, failing their leases; returns their ids. */
    List<String> expire(long nowMillis, int missedHeartbeats) {
        List<String> gone = new ArrayList<>();
        for (Iterator<Map.Entry<String, WorkerState>> it = workers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, WorkerState> e = it.next();
            WorkerState w = e.getValue();
            if (nowMillis - w.lastSeen > (long) missedHeartbeats * w.heartbeat.intervalMs() + w.heartbeat.intervalMs() / 2) {
                it.remove();
                unindex(w);
                gone.add(e.getKey());
                w.leases.forEach(lease -> lease.lost.tryFail(
                    new MeshException(ErrorCode.UNAVAILABLE, "worker " + e.getKey() + " stopped sending heartbeats")));
            }
        }
        return gone;
    }

    /** Forgets a worker at once, failing its leases. */
    void forget(String nodeId) {
        WorkerState w = workers.remove(nodeId);
        if (w != null) {
            unindex(w);
            w.leases.forEach(lease -> lease.lost.tryFail(new MeshException(ErrorCode.UNAVAILABLE, "worker " + nodeId + " left")));
        }
    }

    WorkerState get(String nodeId) {
        return workers.get(nodeId);
    }

    List<WorkerHeartbeat> snapshot() {
        return workers.values().stream().map(w -> w.heartbeat).toList();
    }

    int size() {
        return workers.size();
    }

    /** Leases held across all known workers. */
    long held() {
        return workers.values().stream().mapToLong(w -> w.leases.size()).sum();
    }

    long freeSlots() {
        return free.stream().mapToLong(w -> Math.max(0, w.free())).sum();
    }

    boolean anyEligible(Predicate<WorkerHeartbeat> eligible) {
        return workers.values().stream().anyMatch(w -> eligible.test(w.heartbeat));
    }

    Optional<WorkerEntry> entry(String nodeId) {
        WorkerState w = workers.get(nodeId);
        return w == null ? Optional.empty() : Optional.of(w.entry);
    }

    /** Workers with a free slot that may work now (power permitting). */
    Set<WorkerState> free() {
        return free;
    }

    /** Workers idle for their owner's power settings. */
    Set<WorkerState> idle() {
        return idle;
    }

    Optional<String> barred(WorkerEntry worker) {
        return barred.apply(worker);
    }

    boolean isRevoked(String nodeId) {
        return revoked.test(nodeId);
    }

    /** Neither revoked nor barred. */
    boolean usable(WorkerState w) {
        return !revoked.test(w.entry.nodeId()) && barred.apply(w.entry).isEmpty();
    }

    /** Why an unusable worker is passed over. */
    String usableRefusal(WorkerState w) {
        return revoked.test(w.entry.nodeId()) ? "revoked" : "barred: " + barred.apply(w.entry).orElse("");
    }

    /** Whether any known worker, busy or idle, is usable and allowed by {@code placement}. */
    boolean knownAllowed(Placement placement) {
        return workers.values().stream().anyMatch(w -> usable(w) && placement.allows(w.entry));
    }
}
