package io.edgecoder.portal.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OidcConfigTest {
    @Test
    void providersAreReadFromSettings() {
        OidcConfig config = OidcConfig.of(Map.of("oauth.providers", "google, microsoft",
            "oauth.google.issuer", "https://accounts.google.com/", "oauth.google.client.id", "g-id",
            "oauth.google.client.secret", "g-secret",
            "oauth.microsoft.issuer", "https://login.microsoftonline.com/0000-tenant/v2.0",
            "oauth.microsoft.client.id", "m-id", "oauth.microsoft.client.secret", "m-secret"));
        assertThat(config.providers()).extracting(OidcProvider::name).containsExactly("google", "microsoft");
        assertThat(config.provider("google").orElseThrow().issuer()).isEqualTo("https://accounts.google.com");
        assertThat(config.provider("microsoft").orElseThrow().clientId()).isEqualTo("m-id");
    }

    @Test
    void noProvidersByDefault() {
        assertThat(OidcConfig.of(Map.of()).providers()).isEmpty();
    }

    @Test
    void missingOrUnsafeSettingsNameTheKey() {
        assertThatThrownBy(() -> OidcConfig.of(Map.of("oauth.providers", "google")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("oauth.google.issuer");
        assertThatThrownBy(() -> new OidcProvider("google", "http://accounts.google.com", "id", "secret"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> new OidcProvider("google", "https://accounts.google.com", "id", ""))
            .isInstanceOf(ConfigException.class).hasMessageContaining("oauth.google.client.secret");
        assertThatThrownBy(() -> new OidcProvider("Goo gle", "https://accounts.google.com", "id", "s"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("oauth.providers");
        assertThat(new OidcProvider("local", "http://localhost:8080/default", "id", "s").issuer())
            .isEqualTo("http://localhost:8080/default");
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(new OidcProvider("google", "https://accounts.google.com", "id", "very-secret").toString())
            .doesNotContain("very-secret");
    }

    @Test
    void pkceChallengeIsS256OfTheVerifier() {
        // RFC 7636, appendix B
        assertThat(OAuthFlow.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
            .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(OAuthFlow.randomToken()).hasSize(43).isNotEqualTo(OAuthFlow.randomToken());
    }
}
