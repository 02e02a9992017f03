package io.edgecoder.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and kills everything a run started: descendants of its leader while it lives, every
 * process in the leader's session or process group (the leader was started under
 * {@code setsid}), and any process whose working directory is inside the run's directory
 * (catches a double-fork that also left the session but stayed in the workspace), and, when
 * the run has a uid of its own, every process of that uid (nothing else can have it).
 */
final class ProcessTree {
    private final long leader;
    private final Path scope;
    private final long runUid;

    ProcessTree(long leader, Path scope, long runUid) {
        this.leader = leader;
        this.scope = scope;
        this.runUid = runUid;
    }

    /** Every live process of the run, leader included. */
    Set<Long> members() {
        Set<Long> pids = new HashSet<>();
        ProcessHandle.of(leader).ifPresent(h -> {
            pids.add(leader);
            h.descendants().forEach(d -> pids.add(d.pid()));
        });
        long self = ProcessHandle.current().pid();
        for (long pid : allPids()) {
            if (pid != self && !pids.contains(pid) && (inSession(pid) || ownedByRun(pid) || inScope(pid))) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** CPU ms of the live members and their reaped children: sampled before a kill. */
    long cpuMs(Set<Long> pids) {
        return pids.stream().map(ProcStat::read).flatMap(java.util.Optional::stream).mapToLong(ProcStat::cpuMs).sum();
    }

    /** Largest VmHWM among the members, in bytes; 0 when none could be read. */
    long peakRssBytes(Set<Long> pids) {
        long peak = 0;
        for (long pid : pids) {
            peak = Math.max(peak, vmHwmBytes(pid));
        }
        return peak;
    }

    /** SIGKILLs the members until none is left (a fork bomb keeps making new ones) or rounds run out. */
    int killAll() {
        int killed = 0;
        for (int round = 0; round < 50; round++) {
            Set<Long> pids = members();
            if (pids.isEmpty()) {
                return killed;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            killed += pids.size();
            Thread.onSpinWait();
        }
        return killed;
    }

    private boolean inSession(long pid) {
        return ProcStat.read(pid).map(s -> s.sid() == leader || s.pgid() == leader).orElse(false);
    }

    private boolean ownedByRun(long pid) {
        return runUid >= 0 && realUid(pid) == runUid;
    }

    static long realUid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone already.
        }
        return -1;
    }

    private boolean inScope(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).startsWith(scope);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static long vmHwmBytes(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return lines.stream().filter(l -> l.startsWith("VmHWM:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static List<Long> allPids() {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
