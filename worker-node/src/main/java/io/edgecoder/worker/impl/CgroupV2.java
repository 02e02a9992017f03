package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * cgroup v2 on a delegated subtree (for example a systemd unit with {@code Delegate=yes}): the
 * worker moves its own processes into a {@code worker} leaf, enables {@code memory} and
 * {@code pids} for its children (v2 forbids controllers on a group that holds processes) and
 * creates one group per run under {@code runs/}. Not exercised in CI, whose machine has v1.
 */
final class CgroupV2 implements CgroupDriver {
    private final Path runs;

    private CgroupV2(Path runs) {
        this.runs = runs;
    }

    static Optional<CgroupDriver> usable(Path root) {
        try {
            Path own = root.resolve(ownPath());
            String controllers = Files.readString(own.resolve("cgroup.controllers"));
            if (!controllers.contains("memory") || !controllers.contains("pids") || !Files.isWritable(own.resolve("cgroup.subtree_control"))) {
                return Optional.empty();
            }
            if (!own.equals(root)) {
                moveOwnProcessesToLeaf(own);
            }
            CgroupFiles.write(own.resolve("cgroup.subtree_control"), "+memory +pids");
            Path runs = own.resolve("edgecoder-runs");
            Files.createDirectories(runs);
            CgroupFiles.write(runs.resolve("cgroup.subtree_control"), "+memory +pids");
            CgroupV2 driver = new CgroupV2(runs);
            driver.create("probe-" + ProcessHandle.current().pid(), RunLimits.defaults()).close();
            return Optional.of(driver);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String ownPath() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (line.startsWith("0::")) {
                return line.substring(3).replaceFirst("^/", "");
            }
        }
        throw new IOException("no cgroup v2 entry in /proc/self/cgroup");
    }

    private static void moveOwnProcessesToLeaf(Path own) throws IOException {
        Path leaf = own.resolve("edgecoder-worker");
        Files.createDirectories(leaf);
        for (long pid : CgroupFiles.pids(own.resolve("cgroup.procs"))) {
            CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public List<Path> removeLeftovers(java.util.function.Predicate<String> ours) {
        return CgroupDriver.removeChildren(runs, ours);
    }

    @Override
    public RunCgroup create(String name, RunLimits limits) throws IOException {
        Group group = new Group(runs.resolve(name));
        try {
            Files.createDirectory(group.dir);
            CgroupFiles.write(group.dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            Path swap = group.dir.resolve("memory.swap.max");
            if (Files.exists(swap)) {
                CgroupFiles.write(swap, "0");
            }
            CgroupFiles.write(group.dir.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            return group;
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e;
        }
    }

    private static final class Group implements RunCgroup {
        private final Path dir;

        Group(Path dir) {
            this.dir = dir;
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public long cpuMs() {
            long usec = CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec");
            return usec < 0 ? -1 : usec / 1000;
        }

        @Override
        public long peakBytes() {
            return CgroupFiles.readLong(dir.resolve("memory.peak"));
        }

        @Override
        public boolean memoryLimitHit() {
            return CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill") > 0;
        }

        @Override
        public void killAll() {
            Path kill = dir.resolve("cgroup.kill");
            try {
                if (Files.exists(kill)) {
                    CgroupFiles.write(kill, "1");
                }
            } catch (IOException e) {
                // Older kernels: fall through to killing task by task.
            }
            CgroupFiles.killAll(dir.resolve("cgroup.procs"));
        }

        @Override
        public void close() {
            if (Files.exists(dir)) {
                killAll();
                CgroupFiles.remove(dir);
            }
        }
    }
}
