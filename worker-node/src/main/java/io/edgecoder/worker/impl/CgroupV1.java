package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * cgroup v1: one group per run under {@code memory/edgecoder}, {@code pids/edgecoder} and, when
 * mounted, {@code cpuacct/edgecoder} (CPU metered by the kernel, out of the code's reach).
 * Swap is capped with the memory limit where {@code memory.memsw} exists.
 */
final class CgroupV1 implements CgroupDriver {
    private final Path memory;
    private final Path pids;
    private final Path cpuacct;

    private CgroupV1(Path root) {
        this.memory = root.resolve("memory/edgecoder");
        this.pids = root.resolve("pids/edgecoder");
        Path cpu = root.resolve("cpuacct");
        this.cpuacct = Files.isRegularFile(cpu.resolve("cpuacct.usage")) ? cpu.resolve("edgecoder") : null;
    }

    static Optional<CgroupDriver> usable(Path root) {
        CgroupV1 driver = new CgroupV1(root);
        try (RunCgroup probe = driver.create("probe-" + ProcessHandle.current().pid(), RunLimits.defaults())) {
            return Optional.of(driver);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public List<Path> removeLeftovers(java.util.function.Predicate<String> ours) {
        List<Path> removed = new ArrayList<>();
        removed.addAll(CgroupDriver.removeChildren(pids, ours));
        removed.addAll(CgroupDriver.removeChildren(memory, ours));
        removed.addAll(CgroupDriver.removeChildren(cpuacct, ours));
        return removed;
    }

    @Override
    public RunCgroup create(String name, RunLimits limits) throws IOException {
        Group group = new Group(memory.resolve(name), pids.resolve(name), cpuacct == null ? null : cpuacct.resolve(name));
        try {
            Files.createDirectories(group.memory);
            CgroupFiles.write(group.memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes()));
            Path memsw = group.memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                CgroupFiles.write(memsw, Long.toString(limits.memoryBytes()));
            }
            Files.createDirectories(group.pids);
            CgroupFiles.write(group.pids.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            if (group.cpu != null) {
                Files.createDirectories(group.cpu);
            }
            return group;
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e;
        }
    }

    private static final class Group implements RunCgroup {
        private final Path memory;
        private final Path pids;
        private final Path cpu;

        Group(Path memory, Path pids, Path cpu) {
            this.memory = memory;
            this.pids = pids;
            this.cpu = cpu;
        }

        @Override
        public List<Path> procsFiles() {
            List<Path> files = new ArrayList<>(List.of(memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs")));
            if (cpu != null) {
                files.add(cpu.resolve("cgroup.procs"));
            }
            return files;
        }

        @Override
        public long cpuMs() {
            long ns = cpu == null ? -1 : CgroupFiles.readLong(cpu.resolve("cpuacct.usage"));
            return ns < 0 ? -1 : ns / 1_000_000;
        }

        @Override
        public long peakBytes() {
            return CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes"));
        }

        @Override
        public boolean memoryLimitHit() {
            long kills = CgroupFiles.keyed(memory.resolve("memory.oom_control"), "oom_kill");
            return kills > 0 || (kills < 0 && CgroupFiles.readLong(memory.resolve("memory.failcnt")) > 0);
        }

        @Override
        public void killAll() {
            CgroupFiles.killAll(pids.resolve("cgroup.procs"));
            CgroupFiles.killAll(memory.resolve("cgroup.procs"));
        }

        @Override
        public void close() {
            killAll();
            CgroupFiles.remove(pids);
            CgroupFiles.remove(memory);
            if (cpu != null) {
                CgroupFiles.remove(cpu);
            }
        }
    }
}
