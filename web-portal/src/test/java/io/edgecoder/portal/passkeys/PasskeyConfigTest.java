package io.edgecoder.portal.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasskeyConfigTest {
    private static final Settings NONE = Settings.of(Map.of());

    @Test
    void defaultsToLocalhostAndThePortalsPort() {
        PasskeyConfig config = PasskeyConfig.from(NONE, null);
        assertThat(config.rpId()).isEqualTo("localhost");
        assertThat(config.rpName()).isEqualTo("EdgeCoder");
        assertThat(config.originFor("http://127.0.0.1:4310")).isEqualTo("http://localhost:4310");
    }

    @Test
    void followsThePublicUrl() {
        PasskeyConfig config = PasskeyConfig.from(NONE, "https://portal.example.org/base");
        assertThat(config.rpId()).isEqualTo("portal.example.org");
        assertThat(config.originFor("https://portal.example.org/base")).isEqualTo("https://portal.example.org");
        assertThat(PasskeyConfig.from(NONE, "https://Portal.Example.org").rpId()).isEqualTo("portal.example.org");
        assertThat(PasskeyConfig.from(Settings.of(Map.of("webauthn.rp.id", "example.org")), "https://portal.example.org").rpId())
            .isEqualTo("example.org");
    }

    @Test
    void aConfiguredOriginWins() {
        PasskeyConfig config = PasskeyConfig.from(Settings.of(Map.of("webauthn.origin", "https://id.example.org")), null);
        assertThat(config.rpId()).isEqualTo("id.example.org");
        assertThat(config.originFor("http://127.0.0.1:4310")).isEqualTo("https://id.example.org");
    }

    @Test
    void refusesAnOriginOutsideTheRelyingParty() {
        assertThatThrownBy(() -> new PasskeyConfig("example.org", "E", "https://evil.example"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("webauthn.origin");
        assertThatThrownBy(() -> new PasskeyConfig("portal.example.org", "E", "http://portal.example.org"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http only for localhost");
        assertThatThrownBy(() -> new PasskeyConfig("Portal Example", "E", null))
            .isInstanceOf(ConfigException.class).hasMessageContaining("webauthn.rp.id");
    }
}
