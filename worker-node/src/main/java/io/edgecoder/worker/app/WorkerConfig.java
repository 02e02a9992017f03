package io.edgecoder.worker.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.worker.PowerSettings;
import io.edgecoder.worker.RunLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of the worker role, built once from {@link Settings}.
 *
 * @param slots runs at once (the {@code worker.slots} setting, 0 meaning the number of cores)
 * @param queue runs admitted beyond the slots before the worker declines with 429
 * @param workDir where run directories are created: {@code <data.dir>/work}
 * @param sandbox {@code auto} (the strongest this machine supports), {@code bubblewrap} or {@code process}
 * @param sandboxUid first of {@code slots} consecutive uids (and gids) runs drop to when the worker is root
 * @param identity the node's key: it signs every result, and {@code nodeId} must be its id
 * @param warm pre-started sandboxes kept ready per language, Python and JavaScript (bubblewrap levels
 *     only; 0 = none): one per slot and language when {@code worker.warm} is on, as far as the uid pool allows ({@link #warmCount})
 * @param power what the machine's owner allows (battery, share, quiet hours; {@link PowerSettings})
 */
public record WorkerConfig(String nodeId, String org, int slots, int queue, Duration heartbeatInterval, Path workDir,
                           String sandbox, RunLimits limits, int sandboxUid, NodeIdentity identity, int warm,
                           PowerSettings power) {
    /** Which sandbox to use: auto | bubblewrap | process. */
    public static final String SANDBOX = "worker.sandbox";
    /** Memory limit of one run in MiB. */
    public static final String MEMORY_MB = "worker.memory.mb";
    /** Process and thread limit of one run (pids cgroup). */
    public static final String PIDS = "worker.pids";
    /** Cap on bytes written into one run's workspace, in MiB. */
    public static final String WORKSPACE_MB = "worker.workspace.mb";
    /** First uid of the per-run uid pool; the pool holds one uid per slot. */
    public static final String SANDBOX_UID = "worker.sandbox.uid";
    /** Lowest default pool start: outside the ranges distributions and systemd hand out. */
    public static final int DEFAULT_SANDBOX_UID = 1_900_000_000;
    /** Default pools are this far apart (more than the most slots a worker may have). */
    static final int POOL_STRIDE = 1024;
    /** How many distinct default pools there are (all below 2,100,000,000). */
    static final int POOLS = 100_000;
    public static final List<String> SANDBOXES = List.of("auto", "bubblewrap", "process");
    /** Whether to keep pre-started sandboxes (one per slot) for Python runs: true | false. */
    public static final String WARM = "worker.warm";

    /** Without pre-started sandboxes. */
    public WorkerConfig(String nodeId, String org, int slots, int queue, Duration heartbeatInterval, Path workDir,
                        String sandbox, RunLimits limits, int sandboxUid, NodeIdentity identity) {
        this(nodeId, org, slots, queue, heartbeatInterval, workDir, sandbox, limits, sandboxUid, identity, 0);
    }

    /** With pre-started sandboxes and the default power settings. */
    public WorkerConfig(String nodeId, String org, int slots, int queue, Duration heartbeatInterval, Path workDir,
                        String sandbox, RunLimits limits, int sandboxUid, NodeIdentity identity, int warm) {
        this(nodeId, org, slots, queue, heartbeatInterval, workDir, sandbox, limits, sandboxUid, identity, warm,
            PowerSettings.DEFAULTS);
    }

    public WorkerConfig {
        power = power == null ? PowerSettings.DEFAULTS : power;
        if (nodeId == null || nodeId.isBlank() || org == null || org.isBlank()) {
            throw new ConfigException("worker: node id and '" + ConfigKeys.ORG + "' are required");
        }
        if (identity == null || !identity.nodeId().equals(nodeId)) {
            throw new ConfigException("worker: the node id must be the id of the node's key");
        }
        if (slots < 1) {
            throw new ConfigException("setting '" + ConfigKeys.WORKER_SLOTS + "' must resolve to at least 1 slot");
        }
        if (queue < 0) {
            throw new ConfigException("setting '" + ConfigKeys.WORKER_QUEUE + "' must be 0 or more");
        }
        if (warm < 0 || warm > slots) {
            throw new ConfigException("worker: pre-started sandboxes must be 0.." + slots + ", got " + warm);
        }
        if (!SANDBOXES.contains(sandbox)) {
            throw new ConfigException("setting '" + SANDBOX + "' must be one of " + SANDBOXES + ", got '" + sandbox + "'");
        }
    }

    public static WorkerConfig from(Settings settings, NodeIdentity identity) {
        int slots = settings.integer(ConfigKeys.WORKER_SLOTS, 0, 1024);
        RunLimits limits = RunLimits.defaults();
        limits = new RunLimits(
            megabytes(settings, MEMORY_MB, 64, limits.memoryBytes()),
            settings.has(PIDS) ? settings.integer(PIDS, 8, 65_536) : limits.maxProcesses(),
            limits.openFiles(),
            megabytes(settings, WORKSPACE_MB, 1, limits.workspaceBytes()),
            limits.capturedOutputBytes(),
            limits.maxOutputBytes());
        return new WorkerConfig(
            identity.nodeId(),
            settings.string(ConfigKeys.ORG),
            slots == 0 ? Runtime.getRuntime().availableProcessors() : slots,
            settings.integer(ConfigKeys.WORKER_QUEUE, 0, 100_000),
            settings.millis(ConfigKeys.HEARTBEAT_MS, 50, 600_000),
            Path.of(settings.string(ConfigKeys.DATA_DIR)).toAbsolutePath().resolve("work"),
            settings.string(SANDBOX, "auto"),
            limits,
            settings.has(SANDBOX_UID) ? settings.integer(SANDBOX_UID, 1000, 2_100_000_000) : defaultSandboxUid(identity.nodeId()),
            identity,
            !settings.has(WARM) || settings.bool(WARM) ? warmCount(slots == 0 ? Runtime.getRuntime().availableProcessors() : slots) : 0,
            PowerSettings.from(settings));
    }

    /**
     * One pre-started sandbox per slot and language (Python, JavaScript), each holding a uid besides
     * the slots' own, as long as slots + pre-started sandboxes fit in one default pool
     * ({@link #POOL_STRIDE} uids).
     */
    static int warmCount(int slots) {
        return Math.max(0, Math.min(slots, (POOL_STRIDE - slots) / io.edgecoder.worker.impl.BubblewrapSandbox.WARM_LANGUAGES));
    }

    private static long megabytes(Settings settings, String key, long min, long fallbackBytes) {
        return settings.has(key) ? settings.longValue(key, min, 1_048_576) * RunLimits.MIB : fallbackBytes;
    }

    /**
     * The default first sandbox uid of a node: one of {@link #POOLS} pools picked by its node id, so
     * that two workers on one machine (whose clean-up kills every process of a run's uid) do not
     * share uids unless an operator sets {@code worker.sandbox.uid} to make them.
     */
    static int defaultSandboxUid(String nodeId) {
        return DEFAULT_SANDBOX_UID + Math.floorMod(nodeId.hashCode(), POOLS) * POOL_STRIDE;
    }
}
