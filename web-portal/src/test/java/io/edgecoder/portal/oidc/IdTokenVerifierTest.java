package io.edgecoder.portal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdTokenVerifierTest {
    private static final OidcProvider GOOGLE = new OidcProvider("google", "https://accounts.google.com", "client-1", "secret");
    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private static JsonObject token() {
        return new JsonObject().put("iss", "https://accounts.google.com").put("aud", "client-1").put("sub", "1234")
            .put("iat", NOW.getEpochSecond() - 10).put("exp", NOW.getEpochSecond() + 3600).put("nonce", "n-1")
            .put("email", "ada@example.org").put("email_verified", true);
    }

    private static User user(JsonObject idToken) {
        JsonObject attributes = new JsonObject();
        if (idToken != null) {
            attributes.put("idToken", idToken);
        }
        return User.create(new JsonObject().put("id_token", "a.b.c"), attributes);
    }

    private static void refused(JsonObject idToken, String message) {
        assertThatThrownBy(() -> IdTokenVerifier.verify(user(idToken), GOOGLE, "n-1", NOW))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
            .hasMessageContaining(message);
    }

    @Test
    void aValidTokenGivesSubjectAndVerifiedEmail() {
        IdTokenClaims claims = IdTokenVerifier.verify(user(token()), GOOGLE, "n-1", NOW);
        assertThat(claims).isEqualTo(new IdTokenClaims("google", "1234", "ada@example.org", true));
        assertThat(claims.verifiedEmail()).isEqualTo("ada@example.org");
    }

    @Test
    void aTokenTheLibraryCouldNotVerifyIsABadSignature() {
        refused(null, "signature");
    }

    @Test
    void issuerAudienceExpiryAndNonceAreChecked() {
        refused(token().put("iss", "https://evil.example"), "issuer");
        refused(token().put("aud", new JsonArray().add("other")), "audience");
        refused(token().put("exp", NOW.getEpochSecond() - 31), "expired");
        refused(token().remove("exp") == null ? token() : token().put("exp", "soon"), "exp");
        refused(token().put("iat", NOW.getEpochSecond() + 120), "future");
        refused(token().put("nonce", "n-2"), "nonce");
        refused(token().put("nonce", (String) null), "nonce");
        refused(token().put("sub", ""), "subject");
    }

    @Test
    void expiryToleratesSmallClockSkew() {
        assertThat(IdTokenVerifier.verify(user(token().put("exp", NOW.getEpochSecond() - 20)), GOOGLE, "n-1", NOW)).isNotNull();
    }

    @Test
    void anEmailIsVerifiedOnlyWhenTheProviderSaysSo() {
        assertThat(IdTokenVerifier.verify(user(token().put("email_verified", false)), GOOGLE, "n-1", NOW).verifiedEmail()).isNull();
        assertThat(IdTokenVerifier.verify(user(token().put("email_verified", (Object) null)), GOOGLE, "n-1", NOW).emailVerified())
            .isFalse();
        assertThat(IdTokenVerifier.verify(user(token().remove("email_verified") == null ? token() : token()
            .put("email_verified", (Object) null).put("xms_edov", true)), GOOGLE, "n-1", NOW).emailVerified()).isTrue();
        assertThat(IdTokenVerifier.verify(user(token().put("email", "x".repeat(300) + "@e.org")), GOOGLE, "n-1", NOW).email())
            .isNull();
    }
}
