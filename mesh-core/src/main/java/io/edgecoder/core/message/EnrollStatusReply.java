package io.edgecoder.core.message;

/**
 * A node's enrollment status: {@code pending}, {@code approved}, {@code rejected} or {@code revoked}.
 * Once approved it carries PEM certificates: the short-lived message certificate, the TLS
 * (cluster membership) certificate and the deployment's CA certificates.
 */
public record EnrollStatusReply(String nodeId, String status, String reason, String certificate, String tlsCertificate,
                                String caCertificates) {
}
