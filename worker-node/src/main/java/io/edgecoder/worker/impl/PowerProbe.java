package io.edgecoder.worker.impl;

import io.edgecoder.core.message.WorkerPower;
import io.edgecoder.worker.PowerSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * Reads what Linux says about the machine's power, for the heartbeat ({@link WorkerPower}):
 * on battery when a battery under {@code /sys/class/power_supply} is discharging and no mains
 * supply is online; low-power mode when {@code /sys/firmware/acpi/platform_profile} says
 * {@code low-power} or {@code quiet}; thermally throttled when any CPU's
 * {@code thermal_throttle/*_throttle_count} grew since the last probe. With
 * {@link PowerSettings#interactive()}, the share of the CPU busy outside this worker's runs
 * ({@code /proc/stat}) is taken off the owner's share. What cannot be read counts as absent.
 * Blocking (file reads): call it off the event loop.
 */
public final class PowerProbe {
    private final Path sys;
    private final Path proc;
    private final PowerSettings settings;
    private long lastThrottle = -1;
    private long[] lastCpu;

    public PowerProbe(PowerSettings settings) {
        this(Path.of("/sys"), Path.of("/proc"), settings);
    }

    /** A probe reading the given roots (tests use a made-up tree). */
    public PowerProbe(Path sys, Path proc, PowerSettings settings) {
        this.sys = sys;
        this.proc = proc;
        this.settings = settings;
    }

    /**
     * The machine's state now.
     *
     * @param ownBusyCores cores this worker's runs keep busy now (its busy slots), not counted as the owner's use
     * @param cores the machine's processors
     */
    public synchronized WorkerPower probe(LocalTime now, double ownBusyCores, int cores) {
        return new WorkerPower(onBattery(), settings.batteryAllowed(), lowPower(), throttled(), settings.quietAt(now),
            share(ownBusyCores, cores));
    }

    boolean onBattery() {
        boolean discharging = false;
        for (Path supply : list(sys.resolve("class/power_supply"))) {
            String type = read(supply.resolve("type"));
            if ("Mains".equalsIgnoreCase(type) && "1".equals(read(supply.resolve("online")))) {
                return false;
            }
            if ("Battery".equalsIgnoreCase(type) && "Discharging".equalsIgnoreCase(read(supply.resolve("status")))) {
                discharging = true;
            }
        }
        return discharging;
    }

    boolean lowPower() {
        String profile = read(sys.resolve("firmware/acpi/platform_profile")).toLowerCase(Locale.ROOT);
        return profile.equals("low-power") || profile.equals("quiet");
    }

    boolean throttled() {
        long total = 0;
        for (Path cpu : list(sys.resolve("devices/system/cpu"))) {
            total += number(read(cpu.resolve("thermal_throttle/core_throttle_count")))
                + number(read(cpu.resolve("thermal_throttle/package_throttle_count")));
        }
        boolean grew = lastThrottle >= 0 && total > lastThrottle;
        lastThrottle = total;
        return grew;
    }

    int share(double ownBusyCores, int cores) {
        if (!settings.interactive()) {
            return settings.cpuSharePercent();
        }
        long[] cpu = cpuTimes();
        long[] before = lastCpu;
        lastCpu = cpu;
        if (cpu == null || before == null || cpu[1] <= before[1]) {
            return settings.cpuSharePercent();
        }
        double busy = (double) (cpu[0] - before[0]) / (cpu[1] - before[1]);
        double owner = Math.max(0, busy - ownBusyCores / Math.max(1, cores));
        return (int) Math.max(0, Math.min(settings.cpuSharePercent(), Math.round(100 * (1 - owner))));
    }

    /** Busy and total jiffies of all CPUs, or null when /proc/stat cannot be read. */
    private long[] cpuTimes() {
        String first = read(proc.resolve("stat")).lines().findFirst().orElse("");
        String[] f = first.trim().split("\\s+");
        if (f.length < 8 || !f[0].equals("cpu")) {
            return null;
        }
        long total = 0;
        long idle = number(f[4]) + number(f[5]);
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += number(f[i]);
        }
        return new long[] {total - idle, total};
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            List<Path> out = new java.util.ArrayList<>();
            entries.forEach(out::add);
            return out;
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) < 65_536 ? Files.readString(file).trim() : "";
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static long number(String s) {
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
