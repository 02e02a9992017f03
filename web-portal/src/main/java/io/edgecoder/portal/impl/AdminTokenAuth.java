package io.edgecoder.portal.impl;

import io.edgecoder.portal.Caller;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the node's admin token and puts
 * {@link Caller#administrator()} on the context. The presented token and the admin token are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken reveals
 * neither the token's content nor its length. Anything else is answered 401 here.
 */
public final class AdminTokenAuth implements Handler<RoutingContext> {
    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;
    private final Counter failures;

    public AdminTokenAuth(String adminToken, Counter failures) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("admin token is required");
        }
        this.expectedDigest = sha256(adminToken);
        this.failures = failures;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String token = bearerToken(header);
        if (token == null) {
            refuse(ctx, "Authorization: Bearer <token> header required");
        } else if (!matches(token)) {
            refuse(ctx, "invalid token");
        } else {
            ctx.put(Caller.KEY, Caller.administrator());
            ctx.next();
        }
    }

    /** Whether {@code token} is the admin token (constant time). */
    public boolean matches(String token) {
        return MessageDigest.isEqual(expectedDigest, sha256(token));
    }

    private void refuse(RoutingContext ctx, String message) {
        failures.increment();
        ApiFailureHandler.unauthorized(ctx, message);
    }

    /** The token of a {@code Bearer} header (scheme case-insensitive), or null. */
    public static String bearerToken(String header) {
        if (header == null || header.length() <= SCHEME.length()
            || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
