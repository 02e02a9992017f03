package io.edgecoder.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary directories of tests that outlive one test method (a node's data directory, a
 * worker's work directory): made here, removed by {@link #deleteTree} or, for those a test
 * could not remove itself, when the JVM exits. Links are removed, never followed.
 */
public final class TempFiles {
    private static final List<Path> AT_EXIT = new ArrayList<>();

    private TempFiles() {
    }

    /** A new temporary directory removed at JVM exit if the test did not remove it. */
    public static synchronized Path directoryRemovedAtExit(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            if (AT_EXIT.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::removeAll, "temp-files-cleanup"));
            }
            AT_EXIT.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void removeAll() {
        AT_EXIT.forEach(TempFiles::deleteTree);
    }

    /** Removes a directory tree if it exists; a file that cannot be removed is left and the rest still goes. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietly(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    quietly(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: what could not be walked stays.
        }
    }

    private static void quietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left for the operator; the rest of the tree still goes.
        }
    }
}
