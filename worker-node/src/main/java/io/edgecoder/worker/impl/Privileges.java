package io.edgecoder.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Who the worker runs as, and handing a directory tree to a sandbox uid. */
final class Privileges {
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final boolean ROOT = ProcessTree.realUid(ProcessHandle.current().pid()) == 0;

    private Privileges() {
    }

    /** The worker's own uid (a run's uid where the worker is not root and so cannot drop to another). */
    static long ownUid() {
        return ProcessTree.realUid(ProcessHandle.current().pid());
    }

    /** The worker's own real gid, or -1 when it cannot be read. */
    static long ownGid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Gid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through.
        }
        return -1;
    }

    /** Whether the worker is root, and so must drop to another uid before running code. */
    static boolean root() {
        return ROOT;
    }

    /** setpriv(1): become {@code uid}/{@code uid}, no supplementary groups, no capabilities, no way back. */
    static java.util.List<String> dropTo(int uid) {
        return java.util.List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
            "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all");
    }

    static void chownTree(Path root, int uid) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(p, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
