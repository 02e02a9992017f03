package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolation level {@code process}: the runtime runs as the worker's own user in a fresh
 * workspace, in its own session, with a cleared environment, rlimits on CPU, address space,
 * file size and open files, a wall clock and output caps. It does not hide the file system or
 * the network; see {@code docs/sandbox.md}.
 */
public final class ProcessSandbox implements Sandbox {
    public static final String ISOLATION = "process";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSandbox.class);

    private final Path workDir;
    private final Supervisor supervisor = new Supervisor();
    private final boolean metered = TimeReport.available();

    public ProcessSandbox(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
        if (!metered) {
            LOG.warn("{} is missing (package 'time'): CPU time is sampled only when a run is killed", TimeReport.BINARY);
        }
    }

    @Override
    public String isolation() {
        return ISOLATION;
    }

    @Override
    public RunResult run(RunSpec spec) {
        return RunAdmission.ifInstalled(spec, ISOLATION, () -> runInstalled(spec));
    }

    private RunResult runInstalled(RunSpec spec) {
        RunDirectory dir;
        try {
            dir = RunDirectory.create(workDir, spec.files());
        } catch (IOException e) {
            return RunResult.error(ISOLATION, "could not write the workspace: " + e.getMessage(), 0);
        }
        try (dir) {
            Path timeFile = dir.root().resolve("time.out");
            Launch launch = new Launch(command(spec, timeFile), env(dir.workspace()), dir.workspace(), spec.timeout(),
                spec.limits(), dir.root(), () -> { }, false, -1, new byte[0]);
            Outcome outcome = supervisor.run(launch);
            return ResultAssembler.assemble(spec, outcome, ResultAssembler.meters(spec, outcome, TimeReport.read(timeFile)), ISOLATION);
        }
    }

    private List<String> command(RunSpec spec, Path timeFile) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setsid"));
        cmd.addAll(rlimits(spec));
        if (metered) {
            cmd.addAll(TimeReport.wrapper(timeFile));
        }
        cmd.addAll(spec.language().testCommand(spec));
        return cmd;
    }

    /** prlimit(1) from util-linux sets the limits and execs the rest of the command line. */
    static List<String> rlimits(RunSpec spec) {
        RunLimits limits = spec.limits();
        long cpuSeconds = ResultAssembler.cpuSeconds(spec);
        return List.of("/usr/bin/prlimit",
            "--cpu=" + cpuSeconds + ":" + (cpuSeconds + 1),
            "--as=" + addressSpace(spec),
            "--nofile=" + limits.openFiles(),
            "--fsize=" + limits.workspaceBytes(),
            "--core=0",
            "--");
    }

    /** The address-space rlimit where no memory cgroup applies: the memory limit plus what the runtime only reserves. */
    static long addressSpace(RunSpec spec) {
        return spec.limits().memoryBytes() + spec.language().addressSpaceAllowance();
    }

    static Map<String, String> env(Path home) {
        return Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "LANG", "C.UTF-8", "TMPDIR", home.toString());
    }

    @Override
    public void killAll() {
        supervisor.killAll();
    }
}
