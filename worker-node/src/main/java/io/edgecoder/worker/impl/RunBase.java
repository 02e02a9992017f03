package io.edgecoder.worker.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a sandbox without a mount namespace puts its run directories. Runtimes resolve their
 * working directory to an absolute path, so every directory above the workspace must be
 * traversable by the run's uid; a work dir inside a private home (such as {@code /root}) is not,
 * and then a private (0711, root-owned) directory under the system temp directory is used.
 */
final class RunBase {
    private RunBase() {
    }

    static Path traversable(Path workDir) {
        if (!Privileges.root() || openToOthers(workDir)) {
            return workDir;
        }
        String tag = Integer.toHexString(workDir.toString().hashCode());
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "edgecoder-runs-" + tag);
        try {
            Files.createDirectories(fallback);
            Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwx--x--x"));
            return fallback;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory base " + fallback, e);
        }
    }

    /** Whether every existing directory from the root down to {@code dir} lets other users through. */
    static boolean openToOthers(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
