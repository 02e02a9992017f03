package io.edgecoder.core.message;

/**
 * A worker's reputation as a coordinator holds it.
 *
 * @param agreed replicated results of this worker that agreed with the final verdict
 * @param established whether {@code agreed} reached the coordinator's threshold (then its work is
 *     only spot-checked instead of always replicated)
 * @param quarantined whether it gave a result that lost a comparison (no more work until lifted)
 * @param suspended whether this coordinator stopped using it after replies that could not be checked
 */
public record WorkerStanding(String nodeId, long agreed, boolean established, boolean quarantined, boolean suspended) {
}
