package io.edgecoder.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerConfigTest {
    private static final NodeIdentity ID = NodeIdentity.ephemeral();

    @Test
    void defaultsApplyWhenNothingIsConfigured() {
        LedgerConfig config = LedgerConfig.from(Settings.of(Map.of()), "postgresql://x@h:1/d", ID);
        assertThat(config.priceCpuSecondMilli()).isEqualTo(1000);
        assertThat(config.tuning().maxBatch()).isEqualTo(1000);
        assertThat(config.poolSize()).isEqualTo(4);
    }

    @Test
    void settingsOverrideDefaults() {
        LedgerConfig config = LedgerConfig.from(Settings.of(Map.of(ConfigKeys.PRICE_CPU_SECOND, "250",
            LedgerConfig.BATCH_MAX, "64", LedgerConfig.BATCH_LINGER_MS, "2")), "postgresql://x@h:1/d", ID);
        assertThat(config.priceCpuSecondMilli()).isEqualTo(250);
        assertThat(config.tuning().maxBatch()).isEqualTo(64);
        assertThat(config.tuning().lingerMs()).isEqualTo(2);
    }

    @Test
    void badValuesFailNamingTheKey() {
        assertThatThrownBy(() -> LedgerConfig.from(Settings.of(Map.of(ConfigKeys.PRICE_CPU_SECOND, "0")), "postgresql://x", ID))
            .isInstanceOf(ConfigException.class).hasMessageContaining(ConfigKeys.PRICE_CPU_SECOND);
        assertThatThrownBy(() -> LedgerConfig.from(Settings.of(Map.of()), " ", ID))
            .isInstanceOf(ConfigException.class).hasMessageContaining("db.url");
    }
}
