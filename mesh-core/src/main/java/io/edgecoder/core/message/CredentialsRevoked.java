package io.edgecoder.core.message;

/**
 * A credential that ended: {@code kind} is {@code session} or {@code token} (then {@code key} is
 * the base64url hash the credential is stored under, never the credential) or {@code account}
 * (then {@code key} is the account id and every cached credential of it is dropped).
 */
public record CredentialsRevoked(String kind, String key) {
}
