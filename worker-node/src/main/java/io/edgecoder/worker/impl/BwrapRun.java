package io.edgecoder.worker.impl;

import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The host side of one bubblewrap run, cold or pre-started: its uid, its cgroup (named
 * {@code run-<uid>-<uuid>}), the time(1) report where no cgroup meters CPU, the launcher command
 * around bubblewrap, and the result made from what the supervisor saw. {@link #close} kills and
 * removes the cgroup and the report; the uid is the caller's to release.
 */
final class BwrapRun implements AutoCloseable {
    private static final String LAUNCH_FAILED = "edgecoder-sandbox: cannot join cgroup";

    private final int uid;
    private final Optional<RunCgroup> group;
    private final Path timeFile;
    private final String isolation;

    private BwrapRun(int uid, Optional<RunCgroup> group, Path timeFile, String isolation) {
        this.uid = uid;
        this.group = group;
        this.timeFile = timeFile;
        this.isolation = isolation;
    }

    /** Creates the run's cgroup (and the meter directory when time(1) must meter); the message names what failed. */
    static BwrapRun open(int uid, RunLimits limits, Optional<CgroupDriver> cgroups, Path meterDir, String isolation) throws SetupException {
        Optional<RunCgroup> group;
        try {
            group = cgroups.isPresent() ? Optional.of(cgroups.get().create("run-" + uid + "-" + UUID.randomUUID(), limits)) : Optional.empty();
        } catch (IOException e) {
            throw new SetupException("could not create the run's cgroup: " + e.getMessage());
        }
        BwrapRun run = new BwrapRun(uid, group, meterDir.resolve(UUID.randomUUID() + ".time"), isolation);
        try {
            if (run.needsTimeMeter()) {
                Files.createDirectories(meterDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            run.close();
            throw new SetupException("could not prepare the run: " + e.getMessage());
        }
        return run;
    }

    /** Why a run could not be set up; the run never started. */
    static final class SetupException extends Exception {
        SetupException(String message) {
            super(message, null, false, false);
        }
    }

    int uid() {
        return uid;
    }

    /**
     * The launch of {@code inner} in the sandbox, as this run's uid, in its cgroup, under rlimits
     * with {@code cpuSeconds} of CPU per process.
     */
    Launch launch(Language language, RunLimits limits, long cpuSeconds, List<String> inner, Duration timeout, byte[] stdin, Path scope) {
        return launch(language, limits, cpuSeconds, inner, timeout, stdin, scope, false);
    }

    /**
     * As {@link #launch(Language, RunLimits, long, List, Duration, byte[], Path)}; {@code idle}: at
     * the lowest CPU priority (nice {@value WarmLoader#IDLE_NICE}), for a pre-started sandbox,
     * which the worker returns to its own priority ({@link WarmLoader#resume}) when its job arrives.
     */
    Launch launch(Language language, RunLimits limits, long cpuSeconds, List<String> inner, Duration timeout, byte[] stdin, Path scope,
                  boolean idle) {
        List<String> cmd = new ArrayList<>();
        if (idle) {
            cmd.addAll(List.of("/usr/bin/nice", "-n", Integer.toString(WarmLoader.IDLE_NICE)));
        }
        cmd.addAll(command(language, limits, cpuSeconds, inner));
        return new Launch(cmd, env(), Path.of("/"), timeout, limits, scope,
            () -> group.ifPresent(RunCgroup::killAll), group.isPresent(), Privileges.root() ? uid : -1, stdin);
    }

    private List<String> command(Language language, RunLimits limits, long cpuSeconds, List<String> inner) {
        SandboxEtc etc = Privileges.root() ? SandboxEtc.forRun(uid, uid, BwrapCommand.WORKSPACE)
            : SandboxEtc.forRun(Privileges.ownUid(), Privileges.ownGid(), BwrapCommand.WORKSPACE);
        List<String> cmd = new ArrayList<>(BwrapCommand.joinCgroups(etc.openDescriptors()));
        cmd.addAll(rlimits(language, limits, cpuSeconds));
        if (needsTimeMeter()) {
            // No kernel CPU meter: time(1) runs outside the sandbox, as the worker, and waits for it.
            cmd.addAll(TimeReport.wrapper(timeFile));
        }
        if (Privileges.root()) {
            cmd.addAll(Privileges.dropTo(uid));
        }
        cmd.addAll(BwrapCommand.sandbox(limits.workspaceBytes(), language.hostConfigDirs(), etc.bwrapArgs()));
        cmd.addAll(inner);
        return cmd;
    }

    private List<String> rlimits(Language language, RunLimits limits, long cpu) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/prlimit",
            "--cpu=" + cpu + ":" + (cpu + 1),
            "--nofile=" + limits.openFiles(),
            "--fsize=" + limits.workspaceBytes(),
            "--core=0"));
        if (group.isEmpty()) {
            cmd.add("--as=" + (limits.memoryBytes() + language.addressSpaceAllowance()));
        }
        if (Privileges.root()) {
            // The uid is this run's alone, so the per-user process count is the run's.
            cmd.add("--nproc=" + limits.maxProcesses());
        }
        cmd.add("--");
        return cmd;
    }

    private Map<String, String> env() {
        String procs = group.map(g -> g.procsFiles().stream().map(Path::toString).collect(Collectors.joining(" "))).orElse("");
        return Map.of("PATH", "/usr/bin:/bin", "EDGECODER_CGROUPS", procs);
    }

    /** The launcher or bubblewrap itself failed before any job code ran. */
    static boolean setupFailed(Outcome outcome) {
        Integer exit = outcome.exitCode();
        return exit != null && (exit == 125 && outcome.stderr().startsWith(LAUNCH_FAILED)
            || exit == 1 && outcome.stderr().startsWith("bwrap: "));
    }

    /** The result of {@code spec} from what the supervisor saw and this run's meters. */
    RunResult result(RunSpec spec, Outcome outcome) {
        if (setupFailed(outcome)) {
            return RunResult.error(isolation, outcome.stderr().lines().findFirst().orElse("sandbox setup failed"), outcome.wallMs());
        }
        return ResultAssembler.assemble(spec, outcome, meters(spec, outcome), isolation);
    }

    private boolean needsTimeMeter() {
        return group.map(g -> g.cpuMs() < 0).orElse(true) && TimeReport.available();
    }

    /** The cgroup's figures where it has them, else those of time(1) or the kill-time sample. */
    private ResultAssembler.Meters meters(RunSpec spec, Outcome outcome) {
        ResultAssembler.Meters outside = ResultAssembler.meters(spec, outcome, TimeReport.read(timeFile));
        long cpuMs = group.map(RunCgroup::cpuMs).filter(ms -> ms >= 0).orElse(outside.cpuMs());
        Long peak = group.map(RunCgroup::peakBytes).filter(b -> b > 0).orElse(outside.peakBytes());
        boolean memoryHit = group.map(RunCgroup::memoryLimitHit).orElse(false);
        return new ResultAssembler.Meters(cpuMs, peak, memoryHit, ResultAssembler.cpuLimitHit(spec, cpuMs));
    }

    @Override
    public void close() {
        group.ifPresent(RunCgroup::close);
        try {
            Files.deleteIfExists(timeFile);
        } catch (IOException e) {
            // A report the next start-up does not read; harmless.
        }
    }
}
