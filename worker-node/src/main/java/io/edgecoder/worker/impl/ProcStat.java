package io.edgecoder.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} a sandbox needs. CPU times are in clock ticks, which
 * Linux fixes at 100 per second for user space (USER_HZ).
 */
record ProcStat(long pid, long ppid, long pgid, long sid, long utime, long stime, long cutime, long cstime) {
    static final long TICKS_PER_SECOND = 100;

    static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses a stat line; the command name may hold spaces and parentheses, so split after the last ')'. */
    static ProcStat parse(long pid, String line) {
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state); field n is f[n - 3].
        return new ProcStat(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /** CPU of this process plus its reaped children, in milliseconds. */
    long cpuMs() {
        return (utime + stime + cutime + cstime) * 1000 / TICKS_PER_SECOND;
    }
}
