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

/**
 * Isolation level {@code basic}, for machines without bubblewrap: each run gets a uid of its own
 * (when the worker is root), a network namespace with nothing in it ({@code unshare --net}),
 * rlimits on CPU, address space, file size, open files and (per uid) processes, a cleared
 * environment and a wall clock. It does not hide the host file system: the run can read what
 * any user may read and write where any user may write (see {@code docs/sandbox.md}). As root,
 * the run also gets a mount namespace only to see generated {@code /etc/passwd} and
 * {@code /etc/group} that name its uid ({@link SandboxEtc}).
 */
public final class UnshareSandbox implements Sandbox {
    public static final Path UNSHARE = Path.of("/usr/bin/unshare");
    /** Inside the new mount namespace, still root: bind the run's passwd and group over the host's, then exec the rest. */
    private static final String BIND_USERS = "/usr/bin/mount --bind \"$1\" /etc/passwd && /usr/bin/mount --bind \"$2\" /etc/group"
        + " && shift 2 && exec \"$@\"";

    private final Path runBase;
    private final UidPool uids;
    private final Supervisor supervisor = new Supervisor();

    public UnshareSandbox(Path workDir, int uidBase, int concurrentRuns) {
        this.runBase = RunBase.traversable(workDir.toAbsolutePath().normalize());
        this.uids = new UidPool(uidBase, concurrentRuns);
    }

    /** Where run directories are created: the work dir, or a fallback when its path is closed to other users. */
    public Path runBase() {
        return runBase;
    }

    @Override
    public String isolation() {
        return "basic";
    }

    @Override
    public RunResult run(RunSpec spec) {
        return RunAdmission.withUid(spec, isolation(), uids, uid -> runAs(uid, spec));
    }

    private RunResult runAs(int uid, RunSpec spec) {
        try (RunDirectory dir = RunDirectory.create(runBase, spec.files())) {
            return runIn(dir, uid, spec);
        } catch (IOException e) {
            return RunResult.error(isolation(), "could not prepare the workspace: " + e.getMessage(), 0);
        }
    }

    private RunResult runIn(RunDirectory dir, int uid, RunSpec spec) throws IOException {
        // The run directory stays root's (0711): the code can pass through to its workspace but
        // can neither list nor write it, so it cannot plant links where time(1) (run as root) writes.
        Files.setPosixFilePermissions(dir.root(), PosixFilePermissions.fromString("rwx--x--x"));
        if (Privileges.root()) {
            Privileges.chownTree(dir.workspace(), uid);
        }
        Files.setPosixFilePermissions(dir.workspace(), PosixFilePermissions.fromString("rwx------"));
        Path timeFile = dir.root().resolve("time.out");
        List<Path> users = SandboxEtc.forRun(uid, uid, dir.workspace().toString()).writeUserFiles(dir.root());
        Launch launch = new Launch(command(uid, spec, timeFile, users), ProcessSandbox.env(dir.workspace()), dir.workspace(),
            spec.timeout(), spec.limits(), dir.root(), () -> { }, false, Privileges.root() ? uid : -1, new byte[0]);
        Outcome outcome = supervisor.run(launch);
        return ResultAssembler.assemble(spec, outcome, ResultAssembler.meters(spec, outcome, TimeReport.read(timeFile)), isolation());
    }

    private static List<String> command(int uid, RunSpec spec, Path timeFile, List<Path> users) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setsid"));
        List<String> limits = new ArrayList<>(ProcessSandbox.rlimits(spec));
        if (Privileges.root()) {
            limits.add(limits.size() - 1, "--nproc=" + spec.limits().maxProcesses());
        }
        cmd.addAll(limits);
        if (TimeReport.available()) {
            cmd.addAll(TimeReport.wrapper(timeFile));
        }
        cmd.addAll(Privileges.root()
            ? List.of(UNSHARE.toString(), "--net", "--mount", "--", "/bin/sh", "-c", BIND_USERS, "edgecoder-etc",
                users.get(0).toString(), users.get(1).toString())
            : List.of(UNSHARE.toString(), "--user", "--map-current-user", "--net", "--"));
        if (Privileges.root()) {
            cmd.addAll(Privileges.dropTo(uid));
        }
        cmd.addAll(spec.language().testCommand(spec));
        return cmd;
    }

    @Override
    public void killAll() {
        supervisor.killAll();
    }
}
