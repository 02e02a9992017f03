package io.edgecoder.core.db;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a PostgreSQL server that an earlier run left on a data directory (its JVM was killed,
 * so nobody will stop it) and stops it before a new one starts: SIGTERM, a wait with a
 * deadline, SIGKILL as a last resort. A server whose owner is still alive is left alone and
 * reported with the owner's process id and command. The owner is whoever holds the embedded
 * server's lock file ({@code epg-lock}, held for the server's whole life); the kernel releases
 * it when that process dies. Blocking; Linux ({@code /proc}).
 */
final class LeftoverPostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);
    static final String LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";

    private final Path dataDir;
    private final Duration stopWait;

    LeftoverPostmaster(Path dataDir, Duration stopWait) {
        this.dataDir = dataDir;
        this.stopWait = stopWait;
    }

    /** Stops a left-over server of this directory, or fails naming the live process that owns it. */
    void clear() throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle pm = postmaster.get();
        try (FileOutputStream out = new FileOutputStream(dataDir.resolve(LOCK_FILE).toFile());
             FileLock lock = out.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("the database directory " + dataDir + " is in use by another node: "
                    + owner() + " holds its lock and runs PostgreSQL " + describe(pm));
            }
            LOG.warn("PostgreSQL {} was left running on {} by a node that stopped without shutting it down; stopping it",
                describe(pm), dataDir);
            stop(pm);
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("the database directory " + dataDir + " is in use by this process ("
                + describe(ProcessHandle.current()) + "), which runs PostgreSQL " + describe(pm), e);
        }
    }

    /** The live server recorded in {@code postmaster.pid}, if it really is a server of this directory. */
    Optional<ProcessHandle> runningPostmaster() throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (process.isEmpty() || !process.get().isAlive()) {
            LOG.info("{} names a process that is no longer running; PostgreSQL will replace it", pidFile);
            return Optional.empty();
        }
        if (!servesThisDirectory(process.get(), lines)) {
            LOG.warn("{} names process {}, which is not a PostgreSQL server of {}; removing the stale file",
                pidFile, describe(process.get()), dataDir);
            Files.deleteIfExists(pidFile);
            return Optional.empty();
        }
        return process;
    }

    private boolean servesThisDirectory(ProcessHandle p, List<String> pidLines) throws IOException {
        String command = p.info().command().orElse("");
        if (!command.endsWith("/postgres") || pidLines.size() < 2) {
            return false;
        }
        Path recorded = Path.of(pidLines.get(1).strip());
        return Files.exists(recorded) && Files.isSameFile(recorded, dataDir);
    }

    private void stop(ProcessHandle pm) {
        List<ProcessHandle> children = pm.descendants().toList();
        pm.destroy();
        if (awaitExit(pm, stopWait)) {
            LOG.info("stopped left-over PostgreSQL {} with SIGTERM", pm.pid());
        } else {
            LOG.warn("left-over PostgreSQL {} did not stop within {} after SIGTERM; killing it", pm.pid(), stopWait);
            pm.destroyForcibly();
            awaitExit(pm, stopWait);
        }
        for (ProcessHandle child : children) {
            if (!awaitExit(child, stopWait)) {
                child.destroyForcibly();
                awaitExit(child, stopWait);
            }
        }
        if (pm.isAlive()) {
            throw new IllegalStateException("cannot stop left-over PostgreSQL " + describe(pm) + " on " + dataDir);
        }
    }

    private static boolean awaitExit(ProcessHandle p, Duration wait) {
        try {
            p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        }
    }

    /** The process holding this directory's lock file, found through {@code /proc/PID/fd}. */
    private String owner() {
        Path lock = dataDir.resolve(LOCK_FILE);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            String self = Long.toString(ProcessHandle.current().pid());
            for (Path proc : procs) {
                if (!proc.getFileName().toString().equals(self) && holds(proc, lock)) {
                    return ProcessHandle.of(Long.parseLong(proc.getFileName().toString()))
                        .map(LeftoverPostmaster::describe).orElse("process " + proc.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot scan /proc for the owner of {}: {}", lock, e.getMessage());
        }
        return "a process this user cannot see";
    }

    private static boolean holds(Path proc, Path lock) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                Path target = Files.readSymbolicLink(fd);
                if (target.isAbsolute() && Files.exists(target) && Files.isSameFile(target, lock)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    /** "process 123 (/usr/bin/java)": the id and the executable, never the arguments (they may hold secrets). */
    static String describe(ProcessHandle p) {
        return "process " + p.pid() + " (" + p.info().command().orElse("command unknown") + ")";
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
