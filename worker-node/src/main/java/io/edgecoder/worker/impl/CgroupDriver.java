package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates per-run control groups with memory and process-count limits, on whichever cgroup
 * hierarchy this machine offers: v1 {@code memory}/{@code pids} controllers mounted under
 * {@code /sys/fs/cgroup/<controller>}, or a v2 subtree the worker may write to.
 */
public interface CgroupDriver {
    Path ROOT = Path.of("/sys/fs/cgroup");

    /** {@code v1} or {@code v2}. */
    String version();

    RunCgroup create(String name, RunLimits limits) throws IOException;

    /**
     * Removes the empty per-run groups whose name {@code ours} accepts, left by an earlier worker
     * that was killed before it could remove them; returns the groups removed. A group that
     * still holds a process is in use (a worker sharing the uid range, which it must not) and
     * is left alone.
     */
    java.util.List<Path> removeLeftovers(java.util.function.Predicate<String> ours);

    /** The empty child groups of {@code parent} whose names {@code ours} accepts, removed; those removed. */
    static java.util.List<Path> removeChildren(Path parent, java.util.function.Predicate<String> ours) {
        if (parent == null || !Files.isDirectory(parent)) {
            return java.util.List.of();
        }
        java.util.List<Path> removed = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> children = Files.list(parent)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child) && ours.test(child.getFileName().toString())
                        && CgroupFiles.pids(child.resolve("cgroup.procs")).isEmpty()) {
                    if (CgroupFiles.remove(child)) {
                        removed.add(child);
                    }
                }
            }
        } catch (IOException e) {
            // A controller we cannot list has nothing of ours to remove.
        }
        return removed;
    }

    /** The first usable driver, having proved it by creating and removing a probe group. */
    static Optional<CgroupDriver> detect() {
        if (Files.isRegularFile(ROOT.resolve("memory/memory.limit_in_bytes")) && Files.isDirectory(ROOT.resolve("pids"))) {
            return CgroupV1.usable(ROOT);
        }
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            return CgroupV2.usable(ROOT);
        }
        return Optional.empty();
    }

    /** Why detection found nothing usable, for the capability report. */
    static String explainMissing() {
        if (Files.isRegularFile(ROOT.resolve("memory/memory.limit_in_bytes"))) {
            return "cgroup v1 memory is mounted but the pids controller is missing or not writable";
        }
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            return "cgroup v2 is mounted but no subtree with memory and pids is delegated to this user";
        }
        return "no cgroup memory/pids controllers are mounted";
    }
}
