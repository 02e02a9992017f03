package io.edgecoder.portal.oidc;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks the ID token of a code exchange. Vert.x Auth OAuth2 decodes the token only when its
 * signature verifies against a key of the provider's JWKS (and its audience, issuer and
 * authorised party match); otherwise it leaves the token undecoded, so a missing decoded token
 * means a bad signature. It checks neither expiry nor nonce: that is done here, with the issuer
 * and audience checked again so this class alone states every rule.
 */
public final class IdTokenVerifier {
    /** Clock skew tolerated between the provider and this node. */
    public static final Duration LEEWAY = Duration.ofSeconds(30);
    static final int MAX_SUBJECT = 255;
    static final int MAX_EMAIL = 254;

    private IdTokenVerifier() {
    }

    /** The claims of the verified token of {@code user}; fails with 401 and a safe reason otherwise. */
    public static IdTokenClaims verify(User user, OidcProvider provider, String expectedNonce, Instant now) {
        JsonObject token = user.attributes().getJsonObject("idToken");
        if (token == null) {
            boolean present = user.principal().getValue("id_token") instanceof String;
            throw refused(present ? "ID token signature does not verify against the provider's published keys"
                : "the provider returned no ID token");
        }
        checkIssuer(token, provider);
        checkAudience(token, provider);
        checkTimes(token, now);
        checkNonce(token, expectedNonce);
        return claims(token, provider);
    }

    private static void checkIssuer(JsonObject token, OidcProvider provider) {
        String iss = stringClaim(token, "iss");
        String normalized = iss != null && iss.endsWith("/") ? iss.substring(0, iss.length() - 1) : iss;
        if (!provider.issuer().equals(normalized)) {
            throw refused("ID token issuer does not match the provider");
        }
    }

    private static void checkAudience(JsonObject token, OidcProvider provider) {
        Object aud = token.getValue("aud");
        boolean ok = aud instanceof String s ? s.equals(provider.clientId())
            : aud instanceof JsonArray a && a.contains(provider.clientId());
        if (!ok) {
            throw refused("ID token audience is not this portal");
        }
    }

    private static void checkTimes(JsonObject token, Instant now) {
        Long exp = numberClaim(token, "exp");
        Long iat = numberClaim(token, "iat");
        if (exp == null || iat == null) {
            throw refused("ID token lacks exp or iat");
        }
        if (now.minus(LEEWAY).getEpochSecond() >= exp) {
            throw refused("ID token has expired");
        }
        if (now.plus(LEEWAY).getEpochSecond() < iat) {
            throw refused("ID token is issued in the future");
        }
        Long nbf = numberClaim(token, "nbf");
        if (nbf != null && now.plus(LEEWAY).getEpochSecond() < nbf) {
            throw refused("ID token is not valid yet");
        }
    }

    private static void checkNonce(JsonObject token, String expected) {
        String nonce = stringClaim(token, "nonce");
        if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8))) {
            throw refused("ID token nonce does not match this sign-in");
        }
    }

    private static IdTokenClaims claims(JsonObject token, OidcProvider provider) {
        String sub = stringClaim(token, "sub");
        if (sub == null || sub.isBlank() || sub.length() > MAX_SUBJECT) {
            throw refused("ID token subject is missing or too long");
        }
        String email = stringClaim(token, "email");
        if (email != null && (email.length() > MAX_EMAIL || email.indexOf('@') < 1)) {
            email = null;
        }
        boolean verified = email != null && (isTrue(token.getValue("email_verified")) || isTrue(token.getValue("xms_edov")));
        return new IdTokenClaims(provider.name(), sub, email, verified);
    }

    /** Google sends a boolean; some providers send the string "true". */
    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static String stringClaim(JsonObject token, String name) {
        return token.getValue(name) instanceof String s ? s : null;
    }

    private static Long numberClaim(JsonObject token, String name) {
        return token.getValue(name) instanceof Number n ? n.longValue() : null;
    }

    static MeshException refused(String message) {
        return new MeshException(ErrorCode.UNAUTHORIZED, message);
    }
}
