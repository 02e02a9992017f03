package io.edgecoder.core.trust;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A single-use enrollment token: {@code ect1.} followed by base64url (no padding) of the JSON
 * {@code {"u": portal URL, "f": CA fingerprint, "s": secret}}. The new node learns from it where
 * to enroll and which CA to expect (it refuses certificates from any other), and proves with the
 * secret that an admin let it in. The control role stores only {@link #secretHash()}.
 */
public record EnrollmentToken(String portalUrl, String caFingerprint, String secret) {
    public static final String PREFIX = "ect1.";
    /** Longest token accepted anywhere (a URL of up to 512 characters fits with room to spare). */
    public static final int MAX_LENGTH = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    public EnrollmentToken {
        if (portalUrl == null || portalUrl.length() > 512 || !validUrl(portalUrl)) {
            throw new IllegalArgumentException("enrollment token: the portal URL must be an http(s) URL of at most 512 characters");
        }
        if (caFingerprint == null || !caFingerprint.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("enrollment token: the CA fingerprint must be 64 lower-case hex digits");
        }
        if (secret == null || !secret.matches("[A-Za-z0-9_-]{32,128}")) {
            throw new IllegalArgumentException("enrollment token: malformed secret");
        }
    }

    /** A token with a new random 256-bit secret. */
    public static EnrollmentToken create(String portalUrl, String caFingerprint) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new EnrollmentToken(portalUrl, caFingerprint, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Parses a token; IllegalArgumentException with a reason safe to show (never the secret). */
    public static EnrollmentToken parse(String token) {
        if (token == null || token.length() > MAX_LENGTH || !token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an enrollment token (it starts with '" + PREFIX + "')");
        }
        JsonObject json;
        try {
            json = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("enrollment token is damaged (copy it again in full)");
        }
        try {
            return new EnrollmentToken(json.getString("u"), json.getString("f"), json.getString("s"));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("enrollment token is damaged (copy it again in full)");
        }
    }

    public String encode() {
        String json = new JsonObject().put("u", portalUrl).put("f", caFingerprint).put("s", secret).encode();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the secret, hex: what the control role stores and looks tokens up by. */
    public String secretHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes a new node signs to prove it holds its key when it presents {@code token}. */
    public static byte[] enrollProof(String token) {
        return ("edgecoder-enroll-v1\n" + token).getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes an enrolled node signs to ask for its status at {@code timeMillis}. */
    public static byte[] statusProof(String nodeId, long timeMillis) {
        return ("edgecoder-enroll-status-v1\n" + nodeId + "\n" + timeMillis).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "EnrollmentToken[" + portalUrl + ", CA " + caFingerprint + ", secret=(hidden)]";
    }
}
