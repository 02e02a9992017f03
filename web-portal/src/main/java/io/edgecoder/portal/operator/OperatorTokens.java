package io.edgecoder.portal.operator;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Tells which operator a bearer token belongs to. Today: the node's admin token, whose holder is
 * the operator {@code admin}. Personal API tokens with the {@code admin} scope (accounts) plug in
 * as another implementation; the bridge asks only this interface.
 */
@FunctionalInterface
public interface OperatorTokens {
    /** The operator's name for {@code token}, or empty when it is no operator token. Never fails for a wrong token. */
    Future<Optional<String>> operator(String token);

    /** The admin token: compared as SHA-256 digests in constant time, so timing reveals neither content nor length. */
    static OperatorTokens adminToken(String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("admin token is required");
        }
        byte[] expected = sha256(adminToken);
        return token -> Future.succeededFuture(token != null && MessageDigest.isEqual(expected, sha256(token))
            ? Optional.of("admin") : Optional.empty());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
