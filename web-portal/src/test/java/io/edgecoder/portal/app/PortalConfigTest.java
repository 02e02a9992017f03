package io.edgecoder.portal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalConfigTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final NodeIdentity IDENTITY = NodeIdentity.ephemeral();
    private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void defaultsToLoopbackPort4310AndTenSecondBusTimeout() {
        PortalConfig config = PortalConfig.from(Settings.of(Map.of()), TOKEN, IDENTITY, REGISTRY);

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4310);
        assertThat(config.busTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.healthTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readsHostPortAndBusTimeoutAndCapsTheHealthTimeoutAtTheBusTimeout() {
        Settings settings = Settings.of(Map.of("http.host", "0.0.0.0", "http.port", "0", "bus.timeout.ms", "250"));

        PortalConfig config = PortalConfig.from(settings, TOKEN, IDENTITY, REGISTRY);

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isZero();
        assertThat(config.busTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.healthTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> PortalConfig.from(Settings.of(Map.of("http.port", "70000")), TOKEN, IDENTITY, REGISTRY))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> PortalConfig.from(Settings.of(Map.of("http.port", "web")), TOKEN, IDENTITY, REGISTRY))
            .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> PortalConfig.from(Settings.of(Map.of("bus.timeout.ms", "0")), TOKEN, IDENTITY, REGISTRY))
            .isInstanceOf(ConfigException.class).hasMessageContaining("bus.timeout.ms");
    }

    @Test
    void shortOrMissingAdminTokenIsRefused() {
        assertThatThrownBy(() -> PortalConfig.from(Settings.of(Map.of()), "short", IDENTITY, REGISTRY))
            .isInstanceOf(ConfigException.class).hasMessageStartingWith("admin token:");
        assertThatThrownBy(() -> PortalConfig.from(Settings.of(Map.of()), null, IDENTITY, REGISTRY))
            .isInstanceOf(ConfigException.class);
    }

    @Test
    void toStringNeverShowsTheToken() {
        PortalConfig config = PortalConfig.from(Settings.of(Map.of()), TOKEN, IDENTITY, REGISTRY);

        assertThat(config.toString()).doesNotContain(TOKEN).contains(IDENTITY.nodeId());
    }
}
