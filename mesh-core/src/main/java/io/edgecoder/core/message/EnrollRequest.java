package io.edgecoder.core.message;

import java.util.List;

/**
 * A new node asking to join.
 *
 * @param token the enrollment token
 * @param publicKey the node's Ed25519 key, X.509-encoded, base64
 * @param roles roles the node asks for (null or empty = all the token allows)
 * @param proof base64 Ed25519 signature by that key over the enrollment proof of the token
 * @param nodeId the id the node believes it has (optional; must be the id of its key)
 * @param slots the worker slots the node will run (0 = not stated); approved, it becomes the most
 *     capacity coordinators count from the node's heartbeats
 */
public record EnrollRequest(String token, String publicKey, List<String> roles, String proof, String nodeId, int slots) {
    public EnrollRequest(String token, String publicKey, List<String> roles, String proof, String nodeId) {
        this(token, publicKey, roles, proof, nodeId, 0);
    }

    @Override
    public String toString() {
        return "EnrollRequest[nodeId=" + nodeId + ", roles=" + roles + ", token=(hidden)]";
    }
}
