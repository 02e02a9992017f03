package io.edgecoder.core.message;

/**
 * An enrolled node asking for its status.
 *
 * @param time the node's clock in epoch milliseconds (must be within minutes of the control node's)
 * @param proof base64 Ed25519 signature by the node's key over the status proof of {@code nodeId} and {@code time}
 */
public record EnrollStatusRequest(String nodeId, long time, String proof) {
}
