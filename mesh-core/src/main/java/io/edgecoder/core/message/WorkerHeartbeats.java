package io.edgecoder.core.message;

import java.util.List;

/**
 * The heartbeats of several workers one node carries, in one message: one bus signature and one
 * check for all of them instead of one each (docs/coordinator.md, "Batched dispatch"). Each is
 * taken exactly as if it had come alone from the same node.
 *
 * @param heartbeats at most {@link #MAX}; a larger message is ignored whole
 */
public record WorkerHeartbeats(List<WorkerHeartbeat> heartbeats) {
    /** The most heartbeats one message may carry. */
    public static final int MAX = 256;
}
