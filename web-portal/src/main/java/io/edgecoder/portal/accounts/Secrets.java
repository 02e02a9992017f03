package io.edgecoder.portal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and credentials, and the one-way hashes under which credentials are stored. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Secrets() {
    }

    /** {@code prefix} followed by {@code chars} random base32 characters (5 bits each). */
    public static String id(String prefix, int chars) {
        StringBuilder out = new StringBuilder(prefix);
        byte[] bytes = new byte[chars];
        RANDOM.nextBytes(bytes);
        for (byte b : bytes) {
            out.append(BASE32[(b & 0xff) % 32]);
        }
        return out.toString();
    }

    /** {@code prefix} followed by 32 random bytes as unpadded base64url (256 bits). */
    public static String credential(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** SHA-256 of {@code domain ":" value}: credentials are stored and looked up under this hash only. */
    public static byte[] hash(String domain, String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(domain.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ':');
            return digest.digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** {@link #hash} as unpadded base64url (for cache keys and derived tokens). */
    public static String hashText(String domain, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash(domain, value));
    }
}
