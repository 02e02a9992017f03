package io.edgecoder.core.message;

/**
 * What a worker's machine says about its power and its owner's wishes, reported in every
 * heartbeat so the coordinator can place work where it costs the owner least. A worker that
 * cannot detect a signal reports it as false (or the owner's configured share). A heartbeat
 * without this part comes from an older worker and counts as mains power at full share.
 *
 * @param onBattery the machine runs on battery (Linux: {@code /sys/class/power_supply})
 * @param batteryAllowed the owner allows work while on battery
 * @param lowPower the machine is in a low-power (power-saver) mode
 * @param throttled the CPU is thermally throttled
 * @param quietHours the owner's quiet hours are on now: no work is wanted
 * @param cpuSharePercent the share of the machine's slots the owner allows now (1..100), already
 *     lowered by the owner's own interactive use; null means 100
 */
public record WorkerPower(
    boolean onBattery,
    boolean batteryAllowed,
    boolean lowPower,
    boolean throttled,
    boolean quietHours,
    Integer cpuSharePercent) {

    /** Mains power, no throttling, no quiet hours, the whole machine. */
    public static final WorkerPower FULL = new WorkerPower(false, false, false, false, false, 100);

    /** The share to use (1..100; 100 when unknown, 0 only when the owner says none). */
    public int share() {
        return cpuSharePercent == null ? 100 : Math.max(0, Math.min(100, cpuSharePercent));
    }

    /** Why this machine should get no work now, or null when it may. */
    public String refusal() {
        if (quietHours) {
            return "owner's quiet hours";
        }
        if (onBattery && !batteryAllowed) {
            return "on battery (its owner allows no work on battery)";
        }
        return share() == 0 ? "owner allows no CPU share now" : null;
    }

    /** A small penalty for ranking: a throttled or low-power machine gets work after others. */
    public int penalty() {
        return (throttled ? 2 : 0) + (lowPower ? 1 : 0) + (onBattery ? 1 : 0);
    }
}
