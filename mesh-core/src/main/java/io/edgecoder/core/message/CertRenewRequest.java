package io.edgecoder.core.message;

/** A node asking for a new message certificate for itself. */
public record CertRenewRequest(String nodeId) {
}
