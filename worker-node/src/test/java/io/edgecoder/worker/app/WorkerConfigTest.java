package io.edgecoder.worker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.worker.RunLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
    private final NodeIdentity identity = NodeIdentity.ephemeral();

    @Test
    void defaultsGiveOneSlotPerCoreAndTheWorkDirUnderTheDataDir() {
        WorkerConfig config = WorkerConfig.from(settings(Map.of(ConfigKeys.DATA_DIR, "/srv/edge")), identity);

        assertThat(config.nodeId()).isEqualTo(identity.nodeId());
        assertThat(config.slots()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.queue()).isEqualTo(64);
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.workDir()).isEqualTo(Path.of("/srv/edge/work"));
        assertThat(config.sandbox()).isEqualTo("auto");
        assertThat(config.org()).isEqualTo("local");
        assertThat(config.limits()).isEqualTo(RunLimits.defaults());
    }

    @Test
    void twoWorkersOnOneMachineGetDifferentDefaultSandboxUidsThatFitTheirSlots() {
        WorkerConfig a = WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "8")), NodeIdentity.ephemeral());
        WorkerConfig b = WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "8")), NodeIdentity.ephemeral());

        assertThat(WorkerConfig.defaultSandboxUid("n0000000000000001")).isNotEqualTo(WorkerConfig.defaultSandboxUid("n0000000000000002"));
        assertThat(a.sandboxUid()).isEqualTo(WorkerConfig.defaultSandboxUid(a.nodeId()));
        for (WorkerConfig c : java.util.List.of(a, b)) {
            assertThat(c.sandboxUid()).isBetween(WorkerConfig.DEFAULT_SANDBOX_UID, 2_100_000_000 - 1024);
            assertThat((c.sandboxUid() - WorkerConfig.DEFAULT_SANDBOX_UID) % WorkerConfig.POOL_STRIDE).isZero();
        }
        assertThat(WorkerConfig.from(settings(Map.of(WorkerConfig.SANDBOX_UID, "50000")), identity).sandboxUid()).isEqualTo(50_000);
    }

    @Test
    void preStartedSandboxesAreOnePerSlotByDefaultOffOnRequestAndFitTheUidPool() {
        assertThat(WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "3")), identity).warm()).isEqualTo(3);
        assertThat(WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "3", WorkerConfig.WARM, "false")), identity).warm()).isZero();
        assertThat(WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "1000")), identity).warm()).isEqualTo(12);
        assertThatThrownBy(() -> WorkerConfig.from(settings(Map.of(WorkerConfig.WARM, "maybe")), identity))
            .isInstanceOf(ConfigException.class).hasMessageContaining(WorkerConfig.WARM);
    }

    @Test
    void explicitSettingsAreUsed() {
        WorkerConfig config = WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "3", ConfigKeys.WORKER_QUEUE, "0",
            WorkerConfig.SANDBOX, "process", WorkerConfig.MEMORY_MB, "512", WorkerConfig.PIDS, "32", ConfigKeys.ORG, "acme")), identity);

        assertThat(config.slots()).isEqualTo(3);
        assertThat(config.queue()).isZero();
        assertThat(config.sandbox()).isEqualTo("process");
        assertThat(config.limits().memoryBytes()).isEqualTo(512 * RunLimits.MIB);
        assertThat(config.limits().maxProcesses()).isEqualTo(32);
        assertThat(config.org()).isEqualTo("acme");
    }

    @Test
    void unknownSandboxFailsNamingTheKey() {
        assertThatThrownBy(() -> WorkerConfig.from(settings(Map.of(WorkerConfig.SANDBOX, "docker")), identity))
            .isInstanceOf(ConfigException.class).hasMessageContaining("worker.sandbox").hasMessageContaining("docker");
    }

    @Test
    void negativeSlotsFailNamingTheKey() {
        assertThatThrownBy(() -> WorkerConfig.from(settings(Map.of(ConfigKeys.WORKER_SLOTS, "-1")), identity))
            .isInstanceOf(ConfigException.class).hasMessageContaining("worker.slots");
    }

    private static Settings settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(ConfigKeys.defaults());
        values.putAll(overrides);
        return Settings.of(values);
    }
}
