package io.edgecoder.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorBridgeConfigTest {
    private static final OperatorTokens TOKENS = OperatorTokens.adminToken("a".repeat(64));

    private static OperatorBridgeConfig from(Map<String, String> overrides) {
        return OperatorBridgeConfig.from(Settings.of(ConfigKeys.defaults()).with(overrides), TOKENS, Duration.ofSeconds(10), null);
    }

    @Test
    void defaultsAreLoopback4312WithoutTlsAndAtLeastThirtySecondsForARequest() {
        OperatorBridgeConfig config = from(Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4312);
        assertThat(config.tls()).isFalse();
        assertThat(config.enabled()).isTrue();
        assertThat(config.maxFrameBytes()).isEqualTo(1024 * 1024);
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anyAddressBeyondLoopbackMeansTls() {
        assertThat(from(Map.of(ConfigKeys.OPERATOR_HOST, "0.0.0.0")).tls()).isTrue();
        assertThat(from(Map.of(ConfigKeys.OPERATOR_HOST, "::1")).tls()).isFalse();
        assertThat(from(Map.of(ConfigKeys.OPERATOR_PORT, "-1")).enabled()).isFalse();
    }

    @Test
    void badSettingsFailNamingTheirKey() {
        assertThatThrownBy(() -> from(Map.of(ConfigKeys.OPERATOR_MAX_FRAME_BYTES, "100")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.OPERATOR_MAX_FRAME_BYTES);
        assertThatThrownBy(() -> from(Map.of(ConfigKeys.OPERATOR_PORT, "70000")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.OPERATOR_PORT);
        assertThatThrownBy(() -> from(Map.of(ConfigKeys.OPERATOR_IDLE_SECONDS, "1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.OPERATOR_IDLE_SECONDS);
    }

    @Test
    void onlyTheAdminTokenNamesTheAdminOperator() {
        assertThat(TOKENS.operator("a".repeat(64)).result()).isEqualTo(Optional.of("admin"));
        assertThat(TOKENS.operator("a".repeat(63)).result()).isEmpty();
        assertThat(TOKENS.operator("").result()).isEmpty();
        assertThat(TOKENS.operator(null).result()).isEmpty();
        assertThatThrownBy(() -> OperatorTokens.adminToken(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
