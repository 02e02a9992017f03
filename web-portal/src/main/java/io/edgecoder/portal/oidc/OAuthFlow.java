package io.edgecoder.portal.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * One started sign-in, stored on the server until its callback (single use). The {@code state}
 * travels through the provider; the browser binding is a random value kept only in an HttpOnly
 * cookie of the browser that started the flow (the store keeps its SHA-256), so a callback
 * URL replayed or planted in another browser is refused.
 *
 * @param state the {@code state} parameter (random, 256 bits)
 * @param provider the provider's name
 * @param bindingHash SHA-256 of the browser binding cookie's value
 * @param codeVerifier the PKCE verifier (its S256 challenge went to the provider)
 * @param nonce the OIDC nonce the ID token must carry
 * @param linkAccount the account signed in when the flow started (the person asked to link), or null
 * @param expiresAt when the callback stops being accepted
 */
public record OAuthFlow(String state, String provider, byte[] bindingHash, String codeVerifier, String nonce,
                        String linkAccount, Instant expiresAt) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** 256 random bits, base64url without padding (43 characters). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /** The S256 code challenge of a PKCE verifier (RFC 7636 section 4.2). */
    public static String s256(String verifier) {
        return B64URL.encodeToString(sha256(verifier));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether {@code binding} (the cookie's value) is the one this flow was started with. */
    public boolean boundTo(String binding) {
        return binding != null && MessageDigest.isEqual(bindingHash, sha256(binding));
    }
}
