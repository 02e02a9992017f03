package io.edgecoder.worker.impl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bubblewrap part of a strong run: new user, mount, pid, network, ipc, uts and cgroup
 * namespaces; {@code /usr} read-only and nothing else of the host but the configuration
 * directories a runtime under /usr links to (the JDK's, {@link io.edgecoder.worker.Language#hostConfigDirs()}),
 * read-only at the same path; a private size-capped
 * {@code /tmp} and workspace {@code /ws} (tmpfs, charged to the run's memory cgroup); a
 * generated {@code /etc} ({@link SandboxEtc}); the rest of the root read-only; a new session; a
 * cleared environment; death with the parent. Inside, the workspace archive is read from stdin
 * and unpacked before the runtime starts with stdin from {@code /dev/null}.
 */
final class BwrapCommand {
    static final Path BWRAP = Path.of("/usr/bin/bwrap");
    static final String WORKSPACE = "/ws";
    private static final String UNPACK = "/usr/bin/tar -x --no-same-owner --no-same-permissions -f - -C " + WORKSPACE
        + " && exec \"$@\" </dev/null";

    private BwrapCommand() {
    }

    /** bwrap and its arguments up to the command it runs; {@code tmpfsBytes} caps /ws and /tmp each. */
    static List<String> sandbox(long tmpfsBytes) {
        return sandbox(tmpfsBytes, List.of());
    }

    /** As {@link #sandbox(long)}, with host directories bound read-only at the same path (never /ws or /tmp). */
    static List<String> sandbox(long tmpfsBytes, List<Path> readOnlyHostDirs) {
        return sandbox(tmpfsBytes, readOnlyHostDirs, List.of());
    }

    /** As {@link #sandbox(long, List)}, with {@code etcArgs} ({@link SandboxEtc#bwrapArgs()}) making its /etc. */
    static List<String> sandbox(long tmpfsBytes, List<Path> readOnlyHostDirs, List<String> etcArgs) {
        List<String> cmd = new ArrayList<>(List.of(BWRAP.toString(),
            "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--as-pid-1",
            "--hostname", "edgecoder-sandbox",
            "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", WORKSPACE,
            "--setenv", "LANG", "C.UTF-8",
            "--setenv", "TMPDIR", "/tmp",
            "--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("bin", "sbin", "lib", "lib64", "lib32")) {
            if (Files.isDirectory(Path.of("/usr", dir))) {
                cmd.addAll(List.of("--symlink", "usr/" + dir, "/" + dir));
            }
        }
        for (Path dir : readOnlyHostDirs) {
            cmd.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
        }
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev",
            "--size", Long.toString(tmpfsBytes), "--tmpfs", "/tmp",
            "--size", Long.toString(tmpfsBytes), "--perms", "0700", "--tmpfs", WORKSPACE));
        cmd.addAll(etcArgs);
        // The root tmpfs holds only what bubblewrap made; nothing but /ws and /tmp takes writes.
        cmd.addAll(List.of("--remount-ro", "/", "--chdir", WORKSPACE, "--"));
        return cmd;
    }

    /** Runs {@code command} inside the sandbox after unpacking the workspace archive from stdin. */
    static List<String> unpackThen(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", UNPACK, "edgecoder-job"));
        cmd.addAll(command);
        return cmd;
    }

    /** The outer launcher: joins the run's cgroups (listed in EDGECODER_CGROUPS) and execs the rest. */
    static List<String> joinCgroups() {
        return joinCgroups("");
    }

    /** As {@link #joinCgroups()}, running the shell lines {@code preamble} (such as {@link SandboxEtc#openDescriptors()}) before the exec. */
    static List<String> joinCgroups(String preamble) {
        return List.of("/bin/sh", "-c",
            "for p in $EDGECODER_CGROUPS; do echo $$ > \"$p\" || { echo 'edgecoder-sandbox: cannot join cgroup' >&2; exit 125; }; done\n"
                + preamble + "exec \"$@\"",
            "edgecoder-launch");
    }
}
