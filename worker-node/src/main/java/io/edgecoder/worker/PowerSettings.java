package io.edgecoder.worker;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * What the owner of a worker's machine allows: work on battery or not, the share of the machine's
 * slots, quiet hours (local time, may wrap midnight) and whether the owner's own use of the CPU
 * lowers that share.
 *
 * @param batteryAllowed take work while on battery ({@value #BATTERY_ALLOWED}, default false)
 * @param cpuSharePercent share of the slots offered, 1..100 ({@value #CPU_SHARE}, default 100)
 * @param quietFrom start of the quiet hours, or null for none ({@value #QUIET_HOURS}: {@code HH:MM-HH:MM})
 * @param quietTo end of the quiet hours (exclusive)
 * @param interactive whether CPU busy outside this worker's runs lowers the share ({@value #INTERACTIVE}, default false)
 */
public record PowerSettings(boolean batteryAllowed, int cpuSharePercent, LocalTime quietFrom, LocalTime quietTo,
                            boolean interactive) {
    public static final String BATTERY_ALLOWED = "worker.power.battery.allowed";
    public static final String CPU_SHARE = "worker.power.cpu.share";
    public static final String QUIET_HOURS = "worker.power.quiet.hours";
    public static final String INTERACTIVE = "worker.power.interactive";

    /** No battery work, the whole machine, no quiet hours, the owner's use not watched. */
    public static final PowerSettings DEFAULTS = new PowerSettings(false, 100, null, null, false);

    public static PowerSettings from(Settings s) {
        LocalTime[] quiet = quietHours(s.string(QUIET_HOURS, ""));
        return new PowerSettings(s.has(BATTERY_ALLOWED) && s.bool(BATTERY_ALLOWED),
            s.has(CPU_SHARE) ? s.integer(CPU_SHARE, 1, 100) : 100, quiet[0], quiet[1], s.has(INTERACTIVE) && s.bool(INTERACTIVE));
    }

    private static LocalTime[] quietHours(String value) {
        if (value.isBlank()) {
            return new LocalTime[2];
        }
        String[] parts = value.split("-", 2);
        try {
            LocalTime from = LocalTime.parse(parts[0].trim());
            LocalTime to = LocalTime.parse(parts.length == 2 ? parts[1].trim() : "");
            if (from.equals(to)) {
                throw new ConfigException("setting '" + QUIET_HOURS + "' must not start and end at the same time");
            }
            return new LocalTime[] {from, to};
        } catch (DateTimeParseException e) {
            throw new ConfigException("setting '" + QUIET_HOURS + "' must be HH:MM-HH:MM, got '" + value + "'");
        }
    }

    /** Whether {@code now} falls in the quiet hours. */
    public boolean quietAt(LocalTime now) {
        if (quietFrom == null) {
            return false;
        }
        return quietFrom.isBefore(quietTo) ? !now.isBefore(quietFrom) && now.isBefore(quietTo)
            : !now.isBefore(quietFrom) || now.isBefore(quietTo);
    }
}
