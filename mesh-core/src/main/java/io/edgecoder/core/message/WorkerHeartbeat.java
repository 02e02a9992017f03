package io.edgecoder.core.message;

import java.util.List;

/**
 * A worker's announcement of itself and its free capacity.
 *
 * @param isolation strong | basic | none | process
 * @param languages runtimes the worker can run (python, javascript, ...)
 * @param intervalMs the worker's heartbeat interval (the coordinator forgets it after 3 missed)
 * @param publicKey the worker's Ed25519 public key, X.509 encoded, base64: its node id must be derived
 *     from it ({@code NodeIdentity.nodeIdOf}), and its results must be signed with it
 * @param cores processors a run on this worker may use (a run is not limited to one core); 0 = unknown (1)
 * @param power power and effort signals and the owner's wishes ({@link WorkerPower}); null from older
 *     workers (mains power, full share)
 * @param runBatches whether the node that sent this heartbeat takes this worker's runs in batches on
 *     its {@code WorkerAddresses.runBatch} address (false from older workers: single requests only)
 */
public record WorkerHeartbeat(
    String nodeId,
    String org,
    List<String> languages,
    int slots,
    int freeSlots,
    int queued,
    String isolation,
    long intervalMs,
    String publicKey,
    int cores,
    WorkerPower power,
    boolean runBatches) {

    /** A heartbeat of a worker that takes single run requests only. */
    public WorkerHeartbeat(String nodeId, String org, List<String> languages, int slots, int freeSlots, int queued,
                           String isolation, long intervalMs, String publicKey, int cores, WorkerPower power) {
        this(nodeId, org, languages, slots, freeSlots, queued, isolation, intervalMs, publicKey, cores, power, false);
    }

    /** A heartbeat without power signals (older workers, tests): mains power, full share. */
    public WorkerHeartbeat(String nodeId, String org, List<String> languages, int slots, int freeSlots, int queued,
                           String isolation, long intervalMs, String publicKey, int cores) {
        this(nodeId, org, languages, slots, freeSlots, queued, isolation, intervalMs, publicKey, cores, null);
    }

    /** The power signals, {@link WorkerPower#FULL} when the worker sent none. */
    public WorkerPower powerOrFull() {
        return power == null ? WorkerPower.FULL : power;
    }

    /** A heartbeat without key or core count (tests and tools; the coordinator ignores unkeyed workers). */
    public WorkerHeartbeat(String nodeId, String org, List<String> languages, int slots, int freeSlots, int queued,
                           String isolation, long intervalMs) {
        this(nodeId, org, languages, slots, freeSlots, queued, isolation, intervalMs, null, 0);
    }
}
