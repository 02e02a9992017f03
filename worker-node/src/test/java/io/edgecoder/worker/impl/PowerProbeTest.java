package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.WorkerPower;
import io.edgecoder.worker.PowerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerProbeTest {
    private static final LocalTime NOON = LocalTime.NOON;

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content + "\n");
    }

    private PowerProbe probe(PowerSettings settings) {
        return new PowerProbe(root.resolve("sys"), root.resolve("proc"), settings);
    }

    @Test
    void aDischargingBatteryWithoutMainsMeansOnBattery() throws IOException {
        write("sys/class/power_supply/BAT0/type", "Battery");
        write("sys/class/power_supply/BAT0/status", "Discharging");
        write("sys/class/power_supply/AC/type", "Mains");
        write("sys/class/power_supply/AC/online", "0");

        WorkerPower p = probe(PowerSettings.DEFAULTS).probe(NOON, 0, 4);

        assertThat(p.onBattery()).isTrue();
        assertThat(p.refusal()).as("the default owner allows no work on battery").contains("on battery");
    }

    @Test
    void mainsOnlineMeansNotOnBatteryAndAMachineWithoutSuppliesIsOnMains() throws IOException {
        assertThat(probe(PowerSettings.DEFAULTS).probe(NOON, 0, 4).onBattery()).isFalse();
        write("sys/class/power_supply/BAT0/type", "Battery");
        write("sys/class/power_supply/BAT0/status", "Discharging");
        write("sys/class/power_supply/AC/type", "Mains");
        write("sys/class/power_supply/AC/online", "1");
        assertThat(probe(PowerSettings.DEFAULTS).probe(NOON, 0, 4).onBattery()).isFalse();
    }

    @Test
    void theOwnerMayAllowBatteryWork() throws IOException {
        write("sys/class/power_supply/BAT0/type", "Battery");
        write("sys/class/power_supply/BAT0/status", "Discharging");
        WorkerPower p = probe(new PowerSettings(true, 100, null, null, false)).probe(NOON, 0, 4);
        assertThat(p.onBattery()).isTrue();
        assertThat(p.refusal()).isNull();
    }

    @Test
    void lowPowerProfileAndGrowingThrottleCountsAreReported() throws IOException {
        write("sys/firmware/acpi/platform_profile", "low-power");
        write("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "3");
        PowerProbe probe = probe(PowerSettings.DEFAULTS);
        WorkerPower first = probe.probe(NOON, 0, 4);
        assertThat(first.lowPower()).isTrue();
        assertThat(first.throttled()).as("nothing to compare with yet").isFalse();
        write("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "9");
        assertThat(probe.probe(NOON, 0, 4).throttled()).isTrue();
        assertThat(probe.probe(NOON, 0, 4).throttled()).as("no growth since").isFalse();
    }

    @Test
    void theOwnersOwnCpuUseLowersTheShareWhenWatched() throws IOException {
        PowerProbe probe = probe(new PowerSettings(false, 80, null, null, true));
        write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4");
        assertThat(probe.probe(NOON, 0, 4).cpuSharePercent()).as("first sample: the owner's setting").isEqualTo(80);
        // 1000 more jiffies, 600 of them busy; this worker's runs keep 1 of 4 cores busy: the owner uses 35 %
        write("proc/stat", "cpu  500 0 300 1200 0 0 0 0 0 0");
        assertThat(probe.probe(NOON, 1, 4).cpuSharePercent()).isEqualTo(65);
    }

    @Test
    void quietHoursMayWrapMidnightAndBadValuesFailNamingTheKey() {
        PowerSettings night = PowerSettings.from(Settings.of(Map.of(PowerSettings.QUIET_HOURS, "22:00-07:00")));
        assertThat(night.quietAt(LocalTime.of(23, 30))).isTrue();
        assertThat(night.quietAt(LocalTime.of(6, 59))).isTrue();
        assertThat(night.quietAt(LocalTime.of(7, 0))).isFalse();
        assertThat(night.quietAt(NOON)).isFalse();
        assertThat(probe(night).probe(LocalTime.of(23, 0), 0, 4).refusal()).isEqualTo("owner's quiet hours");
        assertThatThrownBy(() -> PowerSettings.from(Settings.of(Map.of(PowerSettings.QUIET_HOURS, "late"))))
            .isInstanceOf(ConfigException.class).hasMessageContaining(PowerSettings.QUIET_HOURS);
        assertThatThrownBy(() -> PowerSettings.from(Settings.of(Map.of(PowerSettings.CPU_SHARE, "0"))))
            .isInstanceOf(ConfigException.class).hasMessageContaining(PowerSettings.CPU_SHARE);
    }
}
