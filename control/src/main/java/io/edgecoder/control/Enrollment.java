package io.edgecoder.control;

import java.util.List;

/**
 * A checked enrollment, ready to be recorded: the token's hash, the node's key (base64, with its
 * fingerprint and derived id) and the roles it asks for (empty = all the token allows).
 */
public record Enrollment(String tokenHash, String publicKey, String keyFingerprint, String nodeId, List<String> roles, int slots) {
    public Enrollment {
        roles = List.copyOf(roles);
    }
}
