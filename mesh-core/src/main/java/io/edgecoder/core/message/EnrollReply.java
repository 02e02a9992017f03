package io.edgecoder.core.message;

/**
 * The answer to an enrollment: the node's id (derived from its key), its status ({@code pending})
 * and its key fingerprint (SHA-256 of the encoded public key, hex), which an approver compares
 * with what the new node printed.
 */
public record EnrollReply(String nodeId, String status, String keyFingerprint) {
}
