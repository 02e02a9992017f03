package io.edgecoder.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers for reading and writing cgroup control files and emptying groups. */
final class CgroupFiles {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupFiles.class);
    static final int REMOVE_ATTEMPTS = 500;

    private CgroupFiles() {
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The value of {@code key} in a flat-keyed file such as {@code memory.events}; -1 when absent. */
    static long keyed(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2 && kv[0].equals(key)) {
                    return Long.parseLong(kv[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static List<Long> pids(Path procs) {
        try {
            return Files.readAllLines(procs).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGKILLs the listed tasks until none is left; a fork bomb is bounded by pids.max, so this ends. */
    static void killAll(Path procs) {
        for (int round = 0; round < 200; round++) {
            List<Long> pids = pids(procs);
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            Thread.onSpinWait();
        }
    }

    /**
     * Removes an emptied group; the kernel may need a moment after the last task is reaped. A
     * group that will not go is logged once with its path (it holds a little kernel memory and
     * the operator can {@code rmdir} it), and reported as {@code false}.
     */
    static boolean remove(Path dir) {
        IOException last = null;
        for (int attempt = 0; attempt < REMOVE_ATTEMPTS && Files.exists(dir); attempt++) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                last = e;
                killAll(dir.resolve("cgroup.procs"));
                pause();
            }
        }
        if (Files.exists(dir)) {
            LOG.warn("could not remove cgroup {} after {} attempts; it is left behind (remove it with rmdir): {}",
                dir, REMOVE_ATTEMPTS, last == null ? "still present" : last.toString());
            return false;
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
