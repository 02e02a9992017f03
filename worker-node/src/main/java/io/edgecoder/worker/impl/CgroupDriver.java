package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates per-run control groups with memory and process-count limits, on whichever cgroup
 * hierarchy this machine offers: v1 {@code memory}/{@code pids} controllers mounted under
 * {@code /sys/fs/cgroup/<controller>}, or a v2 subtree the worker may write to.
 */
public interface CgroupDriver {
    Path ROOT = Path.of("/sys/fs/cgroup");

    /** {@code v1} or {@code v2}. */
    String version();

    RunCgroup create(String name, RunLimits limits) throws IOException;

    /** The first usable driver, having proved it by creating and removing a probe group. */
    static Optional<CgroupDriver> detect() {
        if (Files.isRegularFile(ROOT.resolve("memory/memory.limit_in_bytes")) && Files.isDirectory(ROOT.resolve("pids"))) {
            return CgroupV1.usable(ROOT);
        }
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            return CgroupV2.usable(ROOT);
        }
        return Optional.empty();
    }

    /** Why detection found nothing usable, for the capability report. */
    static String explainMissing() {
        if (Files.isRegularFile(ROOT.resolve("memory/memory.limit_in_bytes"))) {
            return "cgroup v1 memory is mounted but the pids controller is missing or not writable";
        }
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            return "cgroup v2 is mounted but no subtree with memory and pids is delegated to this user";
        }
        return "no cgroup memory/pids controllers are mounted";
    }
}
