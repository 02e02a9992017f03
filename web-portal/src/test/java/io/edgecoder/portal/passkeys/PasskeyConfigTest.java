package io.edgecoder.portal.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasskeyConfigTest {
    @Test
    void defaultsToLocalhostAndThePort() {
        assertThat(PasskeyConfig.from(Settings.of(Map.of()), null, 4310))
            .isEqualTo(new PasskeyConfig("localhost", "EdgeCoder", "http://localhost:4310"));
    }

    @Test
    void followsThePublicUrl() {
        assertThat(PasskeyConfig.from(Settings.of(Map.of()), "https://portal.example.org/base", 4310))
            .isEqualTo(new PasskeyConfig("portal.example.org", "EdgeCoder", "https://portal.example.org"));
        assertThat(PasskeyConfig.from(Settings.of(Map.of("webauthn.rp.id", "example.org")), "https://portal.example.org", 1))
            .extracting(PasskeyConfig::rpId).isEqualTo("example.org");
    }

    @Test
    void refusesAnOriginOutsideTheRelyingParty() {
        assertThatThrownBy(() -> new PasskeyConfig("example.org", "E", "https://evil.example"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("webauthn.origin");
        assertThatThrownBy(() -> new PasskeyConfig("portal.example.org", "E", "http://portal.example.org"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http only for localhost");
        assertThatThrownBy(() -> new PasskeyConfig("Portal Example", "E", "https://portal.example.org"))
            .isInstanceOf(ConfigException.class).hasMessageContaining("webauthn.rp.id");
    }
}
