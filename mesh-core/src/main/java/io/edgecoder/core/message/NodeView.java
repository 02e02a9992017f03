package io.edgecoder.core.message;

import java.time.Instant;
import java.util.List;

/**
 * A node as the control role knows it.
 *
 * @param keyFingerprint SHA-256 of the node's encoded public key, hex: what an approver compares
 * @param status pending | approved | rejected | revoked
 * @param decidedBy who approved, rejected or revoked it (null while pending)
 * @param certSerial serial of the last certificate issued to it (hex), null before any
 * @param slots the worker capacity it enrolled with, written into its certificate (0 = not stated)
 */
public record NodeView(String nodeId, String publicKey, String keyFingerprint, String org, List<String> roles,
                       String ring, String status, Instant enrolledAt, String decidedBy, Instant decidedAt,
                       String reason, String certSerial, Instant certExpiresAt, int slots) {
    public NodeView(String nodeId, String publicKey, String keyFingerprint, String org, List<String> roles,
                    String ring, String status, Instant enrolledAt, String decidedBy, Instant decidedAt,
                    String reason, String certSerial, Instant certExpiresAt) {
        this(nodeId, publicKey, keyFingerprint, org, roles, ring, status, enrolledAt, decidedBy, decidedAt, reason, certSerial,
            certExpiresAt, 0);
    }

}
