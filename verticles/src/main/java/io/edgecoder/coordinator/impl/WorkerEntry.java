package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.WorkerHeartbeat;

/**
 * A worker as the capacity table knows it: its latest heartbeat, the key its node id is derived
 * from (which must sign its results), its organisation and whether it sits on the edge ring.
 *
 * @param edge whether the worker reaches the mesh through an edge bridge; an edge worker is never
 *     inside a requester's trust domain (false until the transport layer marks it)
 * @param cores processors one of its runs may use (at least 1)
 * @param carrier the node, as the bus authenticated it, whose heartbeats announced this worker with
 *     {@code runBatches}: its runs go to that node in batches ({@link RunSender}); null: single requests
 */
public record WorkerEntry(String nodeId, String org, String publicKey, boolean edge, int cores, WorkerHeartbeat heartbeat,
                          String carrier) {

    public WorkerEntry(String nodeId, String org, String publicKey, boolean edge, int cores, WorkerHeartbeat heartbeat) {
        this(nodeId, org, publicKey, edge, cores, heartbeat, null);
    }

    /** The entry of a heartbeat already checked by the coordinator. */
    public static WorkerEntry of(WorkerHeartbeat hb, boolean edge) {
        return of(hb, edge, null);
    }

    /** The entry of a checked heartbeat that {@code carrier} (null: none) delivered. */
    public static WorkerEntry of(WorkerHeartbeat hb, boolean edge, String carrier) {
        return new WorkerEntry(hb.nodeId(), hb.org(), hb.publicKey(), edge, Math.max(1, hb.cores()), hb,
            hb.runBatches() && !edge ? carrier : null);
    }

    public String isolation() {
        return heartbeat.isolation();
    }
}
