package io.edgecoder.core.message;

import java.util.List;

/**
 * A worker's announcement of itself and its free capacity.
 *
 * @param isolation strong | basic | none | process
 * @param languages runtimes the worker can run (python, javascript, ...)
 * @param intervalMs the worker's heartbeat interval (the coordinator forgets it after 3 missed)
 */
public record WorkerHeartbeat(
    String nodeId,
    String org,
    List<String> languages,
    int slots,
    int freeSlots,
    int queued,
    String isolation,
    long intervalMs) {
}
