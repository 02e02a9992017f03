package io.edgecoder.core.message;

/** A renewed message certificate (PEM) and the CA certificates the deployment trusts now (PEM). */
public record CertRenewReply(String certificate, String caCertificates) {
}
