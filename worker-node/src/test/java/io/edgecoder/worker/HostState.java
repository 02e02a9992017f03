package io.edgecoder.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a run could have left on the host: processes of the sandbox uids and per-run cgroups. */
public final class HostState {
    private HostState() {
    }

    /**
     * Processes whose real uid lies in {@code [firstUid, firstUid + count)}, zombies excepted: a
     * zombie has already died and only waits for the host's init, its new parent, to reap it.
     */
    public static List<Long> processesOfUids(int firstUid, int count) {
        return processesOfUids(firstUid, count, java.util.Set.of());
    }

    /** As {@link #processesOfUids(int, int)}, except processes of the uids in {@code expected}. */
    public static List<Long> processesOfUids(int firstUid, int count, java.util.Set<Integer> expected) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) entries::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long uid = realUid(proc);
                    if (uid >= firstUid && uid < (long) firstUid + count && !expected.contains((int) uid) && !zombie(proc)) {
                        found.add(Long.parseLong(name));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static boolean zombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static long realUid(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Per-run cgroups of the uids {@code [firstUid, firstUid + count)} still present under any
     * controller's {@code edgecoder} group (runs are named {@code run-<uid>-<uuid>}, so another
     * test JVM's runs on the same machine are not counted).
     */
    public static List<Path> runCgroups(int firstUid, int count) {
        return runCgroups().stream().filter(p -> ofUids(p.getFileName().toString(), firstUid, count)).toList();
    }

    /** As {@link #runCgroups(int, int)}, except those of the uids in {@code expected}. */
    public static List<Path> runCgroups(int firstUid, int count, java.util.Set<Integer> expected) {
        return runCgroups(firstUid, count).stream().filter(p -> !expected.contains(uidOf(p.getFileName().toString()))).toList();
    }

    private static int uidOf(String name) {
        return (int) Long.parseLong(name.split("-", 3)[1]);
    }

    /** The uid in a run cgroup's name {@code run-<uid>-<uuid>}. */
    public static int uidOfCgroup(Path group) {
        return uidOf(group.getFileName().toString());
    }

    /** The real uid of a process, or -1 when it is gone. */
    public static int uidOfProcess(long pid) {
        return (int) realUid(Path.of("/proc", Long.toString(pid)));
    }

    private static boolean ofUids(String name, int firstUid, int count) {
        String[] parts = name.split("-", 3);
        if (parts.length < 3 || !parts[1].chars().allMatch(Character::isDigit) || parts[1].isEmpty() || parts[1].length() > 10) {
            return false;
        }
        long uid = Long.parseLong(parts[1]);
        return uid >= firstUid && uid < (long) firstUid + count;
    }

    /** Per-run cgroups still present under any controller's {@code edgecoder} group. */
    public static List<Path> runCgroups() {
        List<Path> found = new ArrayList<>();
        for (String controller : List.of("memory", "pids", "cpuacct")) {
            Path parent = Path.of("/sys/fs/cgroup", controller, "edgecoder");
            if (Files.isDirectory(parent)) {
                try (Stream<Path> children = Files.list(parent)) {
                    children.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("run-")).forEach(found::add);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found;
    }
}
