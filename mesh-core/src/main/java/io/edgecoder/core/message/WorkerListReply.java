package io.edgecoder.core.message;

import java.util.List;

/**
 * The workers a coordinator currently knows, with their last heartbeat, and each one's standing
 * (reputation) in the same order; {@code standings} may be empty from an older coordinator.
 */
public record WorkerListReply(List<WorkerHeartbeat> workers, List<WorkerStanding> standings) {
    /** A list without standings. */
    public WorkerListReply(List<WorkerHeartbeat> workers) {
        this(workers, List.of());
    }
}
