package io.edgecoder.coordinator.impl;

import io.edgecoder.core.Json;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerHeartbeats;
import java.util.List;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.trust.RefusalLog;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a heartbeat that came through an edge bridge to the node that sent it: such a node may
 * announce only itself (a heartbeat naming another node is logged and ignored), and its
 * organisation is the one its certificate names, not the one the body claims. Heartbeats of core
 * nodes (the operator's own, authenticated and held to the worker role by the bus) are taken as
 * sent: a core node runs one worker under its own identity, but test clusters run several.
 */
public final class HeartbeatAttribution {
    private static final RefusalLog REFUSALS = new RefusalLog(LoggerFactory.getLogger(HeartbeatAttribution.class));

    private HeartbeatAttribution() {
    }

    /**
     * The heartbeats of a {@link WorkerHeartbeats} message, each to be attributed as if it had come
     * alone from {@code caller}; none when the message breaks its bound (logged).
     */
    public static List<WorkerHeartbeat> each(WorkerHeartbeats heartbeats, Caller caller) {
        if (heartbeats == null || heartbeats.heartbeats() == null) {
            return List.of();
        }
        if (heartbeats.heartbeats().size() > WorkerHeartbeats.MAX) {
            REFUSALS.log("heartbeats", "node " + caller.nodeId() + " sent " + heartbeats.heartbeats().size()
                + " heartbeats in one message (at most " + WorkerHeartbeats.MAX + "); all ignored");
            return List.of();
        }
        return heartbeats.heartbeats().stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The heartbeat as the coordinator records it, or empty when {@code caller} may not send it. */
    public static Optional<WorkerHeartbeat> attribute(WorkerHeartbeat heartbeat, Caller caller) {
        if (!caller.edge() && caller.via() == null) {
            return Optional.of(caller.nodeId().equals(heartbeat.nodeId()) ? withinCapacity(heartbeat, caller.slots()) : heartbeat);
        }
        if (!caller.nodeId().equals(heartbeat.nodeId())) {
            REFUSALS.log("heartbeat", "node " + caller.nodeId() + (caller.via() == null ? "" : " (via bridge " + caller.via() + ")")
                + " announced another node, " + clip(heartbeat.nodeId()));
            return Optional.empty();
        }
        return Optional.of(withinCapacity(inOrg(heartbeat, caller.org()), caller.slots()));
    }

    /** The heartbeat with slots and free slots no more than the certified capacity ({@code slots}; 0 = not stated). */
    static WorkerHeartbeat withinCapacity(WorkerHeartbeat heartbeat, int slots) {
        if (slots <= 0 || (heartbeat.slots() <= slots && heartbeat.freeSlots() <= slots)) {
            return heartbeat;
        }
        REFUSALS.log("heartbeat", "node " + clip(heartbeat.nodeId()) + " announced " + heartbeat.slots() + " slots ("
            + heartbeat.freeSlots() + " free) beyond its certified " + slots + "; counted as " + slots);
        return Json.fromJson(Json.toJson(heartbeat).put("slots", Math.min(heartbeat.slots(), slots))
            .put("freeSlots", Math.min(heartbeat.freeSlots(), slots)), WorkerHeartbeat.class);
    }

    /** A copy in {@code org}; through JSON, so fields the record gains later are kept. */
    private static WorkerHeartbeat inOrg(WorkerHeartbeat heartbeat, String org) {
        return org.equals(heartbeat.org()) ? heartbeat : Json.fromJson(Json.toJson(heartbeat).put("org", org), WorkerHeartbeat.class);
    }

    private static String clip(String id) {
        return id == null ? "null" : id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }
}
