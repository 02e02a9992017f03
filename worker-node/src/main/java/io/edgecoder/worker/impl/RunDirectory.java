package io.edgecoder.worker.impl;

import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.UUID;

/**
 * The on-disk home of one run: {@code <work>/run-<uuid>/} holding the workspace {@code ws/}
 * (the only thing the code sees) and the sandbox's own bookkeeping files beside it. Files are
 * written only at paths that resolve inside the workspace; {@link #delete()} removes all of it
 * without following symbolic links the code may have planted.
 */
public final class RunDirectory implements AutoCloseable {
    private final Path root;
    private final Path workspace;

    private RunDirectory(Path root) {
        this.root = root;
        this.workspace = root.resolve("ws");
    }

    /** Creates a fresh directory under {@code workDir} and writes the job's files into its workspace. */
    public static RunDirectory create(Path workDir, Map<String, String> files) throws IOException {
        Files.createDirectories(workDir);
        RunDirectory dir = new RunDirectory(workDir.resolve("run-" + UUID.randomUUID()));
        Files.createDirectory(dir.root);
        Files.createDirectory(dir.workspace);
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                dir.write(file.getKey(), file.getValue());
            }
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        return dir;
    }

    private void write(String relative, String content) throws IOException {
        Path target = resolveInside(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    /** Resolves a job path, re-checking it even though intake validated it: it must stay inside. */
    Path resolveInside(String relative) {
        JobSpecs.checkPath(relative);
        Path target = workspace.resolve(relative).normalize();
        if (!target.startsWith(workspace) || target.equals(workspace)) {
            throw MeshException.badRequest("files: path '" + relative + "' escapes the workspace");
        }
        return target;
    }

    public Path root() {
        return root;
    }

    public Path workspace() {
        return workspace;
    }

    /** Removes the directory tree; symbolic links are removed, never followed. */
    public void delete() {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    // The code may have removed permissions from its own directories.
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    dir.toFile().setReadable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove run directory " + root, e);
        }
    }

    @Override
    public void close() {
        delete();
    }
}
