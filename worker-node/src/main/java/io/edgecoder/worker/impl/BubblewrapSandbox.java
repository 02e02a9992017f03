package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolation level {@code strong} (with cgroups) or {@code basic} (without): each run gets a uid
 * of its own (when the worker is root, dropped to with setpriv before bubblewrap, since a
 * root-started user namespace maps back to root), rlimits on CPU time, open files, file size
 * and (without a memory cgroup) address space, its own cgroups capping memory and process
 * count, and bubblewrap's namespaces (see {@link BwrapCommand}). The workspace lives only in
 * the sandbox's tmpfs; after the run the cgroup is emptied and removed.
 */
public final class BubblewrapSandbox implements Sandbox {
    private static final String LAUNCH_FAILED = "edgecoder-sandbox: cannot join cgroup";
    private static final Logger LOG = LoggerFactory.getLogger(BubblewrapSandbox.class);
    /** Run cgroups are named {@code run-<uid>-<uuid>}, so a restarted worker knows which are its own. */
    private static final Pattern RUN_GROUP = Pattern.compile("run-(\\d+)-[0-9a-f-]+");

    private final Path meterDir;
    private final Optional<CgroupDriver> cgroups;
    private final UidPool uids;
    private final Supervisor supervisor = new Supervisor();
    private final Path scope = Path.of("/nonexistent-edgecoder-scope-" + UUID.randomUUID());

    /**
     * @param workDir where time(1) reports go when no cgroup meters CPU (nothing of the job is written there)
     * @param cgroups the cgroup driver; empty gives level {@code basic}
     * @param uidBase first uid of the pool of {@code concurrentRuns} uids (used only when running as root)
     */
    public BubblewrapSandbox(Path workDir, Optional<CgroupDriver> cgroups, int uidBase, int concurrentRuns) {
        this.meterDir = workDir.toAbsolutePath().normalize().resolve("meters");
        this.cgroups = cgroups;
        this.uids = new UidPool(uidBase, concurrentRuns);
        cgroups.ifPresent(driver -> removeLeftovers(driver, uidBase, concurrentRuns));
    }

    /**
     * A worker killed with SIGKILL cannot remove its runs' cgroups; at start it removes those of
     * its own uid range (no other worker may use those uids) and says which.
     */
    private static void removeLeftovers(CgroupDriver driver, int uidBase, int count) {
        List<Path> removed = driver.removeLeftovers(name -> ownRunGroup(name, uidBase, count));
        if (!removed.isEmpty()) {
            LOG.info("removed {} cgroup(s) left behind by an earlier run of this worker (uids {}..{}): {}", removed.size(),
                uidBase, uidBase + count - 1, removed);
        }
    }

    static boolean ownRunGroup(String name, int uidBase, int count) {
        Matcher m = RUN_GROUP.matcher(name);
        if (!m.matches() || m.group(1).length() > 10) {
            return false;
        }
        long uid = Long.parseLong(m.group(1));
        return uid >= uidBase && uid < (long) uidBase + count;
    }

    @Override
    public String isolation() {
        return cgroups.isPresent() ? "strong" : "basic";
    }

    @Override
    public RunResult run(RunSpec spec) {
        return RunAdmission.withUid(spec, isolation(), uids, uid -> runAs(uid, spec));
    }

    private RunResult runAs(int uid, RunSpec spec) {
        Optional<RunCgroup> group;
        try {
            group = cgroups.isPresent() ? Optional.of(cgroups.get().create("run-" + uid + "-" + UUID.randomUUID(), spec.limits()))
                : Optional.empty();
        } catch (IOException e) {
            return RunResult.error(isolation(), "could not create the run's cgroup: " + e.getMessage(), 0);
        }
        Path timeFile = meterDir.resolve(UUID.randomUUID() + ".time");
        try {
            if (needsTimeMeter(group)) {
                Files.createDirectories(meterDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Launch launch = new Launch(command(uid, spec, group, timeFile), env(group), Path.of("/"), spec.timeout(),
                spec.limits(), scope, () -> group.ifPresent(RunCgroup::killAll), group.isPresent(), Privileges.root() ? uid : -1,
                TarArchive.of(spec.files()));
            Outcome outcome = supervisor.run(launch);
            if (setupFailed(outcome)) {
                return RunResult.error(isolation(), outcome.stderr().lines().findFirst().orElse("sandbox setup failed"), outcome.wallMs());
            }
            return ResultAssembler.assemble(spec, outcome, meters(spec, outcome, group, TimeReport.read(timeFile)), isolation());
        } catch (IOException e) {
            return RunResult.error(isolation(), "could not prepare the run: " + e.getMessage(), 0);
        } finally {
            group.ifPresent(RunCgroup::close);
            deleteQuietly(timeFile);
        }
    }

    private List<String> command(int uid, RunSpec spec, Optional<RunCgroup> group, Path timeFile) {
        SandboxEtc etc = Privileges.root() ? SandboxEtc.forRun(uid, uid, BwrapCommand.WORKSPACE)
            : SandboxEtc.forRun(Privileges.ownUid(), Privileges.ownGid(), BwrapCommand.WORKSPACE);
        List<String> cmd = new ArrayList<>(BwrapCommand.joinCgroups(etc.openDescriptors()));
        cmd.addAll(rlimits(spec, group.isPresent()));
        if (needsTimeMeter(group)) {
            // No kernel CPU meter: time(1) runs outside the sandbox, as the worker, and waits for it.
            cmd.addAll(TimeReport.wrapper(timeFile));
        }
        if (Privileges.root()) {
            cmd.addAll(Privileges.dropTo(uid));
        }
        cmd.addAll(BwrapCommand.sandbox(spec.limits().workspaceBytes(), spec.language().hostConfigDirs(), etc.bwrapArgs()));
        cmd.addAll(BwrapCommand.unpackThen(spec.language().testCommand(spec)));
        return cmd;
    }

    /** The launcher or bubblewrap itself failed before any job code ran. */
    private static boolean setupFailed(Outcome outcome) {
        Integer exit = outcome.exitCode();
        return exit != null && (exit == 125 && outcome.stderr().startsWith(LAUNCH_FAILED)
            || exit == 1 && outcome.stderr().startsWith("bwrap: "));
    }

    private static boolean needsTimeMeter(Optional<RunCgroup> group) {
        return group.map(g -> g.cpuMs() < 0).orElse(true) && TimeReport.available();
    }

    private static List<String> rlimits(RunSpec spec, boolean memoryCgroup) {
        long cpu = ResultAssembler.cpuSeconds(spec);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/prlimit",
            "--cpu=" + cpu + ":" + (cpu + 1),
            "--nofile=" + spec.limits().openFiles(),
            "--fsize=" + spec.limits().workspaceBytes(),
            "--core=0"));
        if (!memoryCgroup) {
            cmd.add("--as=" + ProcessSandbox.addressSpace(spec));
        }
        if (Privileges.root()) {
            // The uid is this run's alone, so the per-user process count is the run's.
            cmd.add("--nproc=" + spec.limits().maxProcesses());
        }
        cmd.add("--");
        return cmd;
    }

    private static Map<String, String> env(Optional<RunCgroup> group) {
        String procs = group.map(g -> g.procsFiles().stream().map(Path::toString).collect(Collectors.joining(" "))).orElse("");
        return Map.of("PATH", "/usr/bin:/bin", "EDGECODER_CGROUPS", procs);
    }

    /** The cgroup's figures where it has them, else those of time(1) or the kill-time sample. */
    private static ResultAssembler.Meters meters(RunSpec spec, Outcome outcome, Optional<RunCgroup> group, Optional<TimeReport> time) {
        ResultAssembler.Meters outside = ResultAssembler.meters(spec, outcome, time);
        long cpuMs = group.map(RunCgroup::cpuMs).filter(ms -> ms >= 0).orElse(outside.cpuMs());
        Long peak = group.map(RunCgroup::peakBytes).filter(b -> b > 0).orElse(outside.peakBytes());
        boolean memoryHit = group.map(RunCgroup::memoryLimitHit).orElse(false);
        return new ResultAssembler.Meters(cpuMs, peak, memoryHit, ResultAssembler.cpuLimitHit(spec, cpuMs));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A report the next start-up does not read; harmless.
        }
    }

    @Override
    public void killAll() {
        supervisor.killAll();
    }
}
