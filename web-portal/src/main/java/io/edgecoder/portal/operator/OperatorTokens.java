package io.edgecoder.portal.operator;

import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.TokenService;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Tells which operator a bearer token belongs to: the node's admin token, whose holder is the
 * operator {@code admin}, and, on a portal with accounts, a personal API token ({@code ecp_...}) with
 * the {@code admin} scope of a system-admin account, whose operator is that account. The bridge asks
 * only this interface.
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

    /**
     * The admin token, then personal tokens of {@code personal} (null: none): a personal token counts
     * only when its account is a system-admin and the token has the {@code admin} scope.
     */
    public static OperatorTokens adminOrPersonal(String adminToken, TokenService personal) {
        OperatorTokens admin = adminToken(adminToken);
        if (personal == null) {
            return admin;
        }
        return token -> admin.operator(token).compose(found -> found.isPresent() || !token.startsWith(TokenService.PREFIX)
            ? Future.succeededFuture(found)
            : personal.resolve(token).map(caller -> caller.filter(Caller::admin).map(Caller::account)));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
