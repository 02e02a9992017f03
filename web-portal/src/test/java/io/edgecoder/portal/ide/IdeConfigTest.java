package io.edgecoder.portal.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint's instances: one per core unless configured, 1..64, kept by every copy of the configuration. */
class IdeConfigTest {
    private static IdeConfig from(Map<String, String> values) {
        return IdeConfig.from(Settings.of(ConfigKeys.defaults()).with(values), IdeTokens.adminOrPersonal("t", null),
            Duration.ofSeconds(5), "local", null);
    }

    @Test
    void instancesDefaultToTheCoresAndMayBeSet() {
        assertThat(from(Map.of()).instances()).isEqualTo(Math.max(1, Math.min(64, Runtime.getRuntime().availableProcessors())));
        IdeConfig four = from(Map.of(ConfigKeys.IDE_INSTANCES, "4"));
        assertThat(four.instances()).isEqualTo(4);
        assertThat(four.withPort(0).withMaxInFlight(3).withMaxBodyBytes(2048).instances()).isEqualTo(4);
        assertThat(four.withInstances(1).instances()).isEqualTo(1);
    }

    @Test
    void instancesOutOfBoundsStopTheNodeNamingTheSetting() {
        for (String bad : List.of("0", "-1", "65", "all")) {
            assertThatThrownBy(() -> from(Map.of(ConfigKeys.IDE_INSTANCES, bad))).as(bad)
                .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.IDE_INSTANCES);
        }
    }
}
