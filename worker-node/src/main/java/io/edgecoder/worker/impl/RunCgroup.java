package io.edgecoder.worker.impl;

import java.nio.file.Path;
import java.util.List;

/** The control groups of one run: joined by the launcher before it execs, read for meters, removed after. */
interface RunCgroup extends AutoCloseable {
    /** The {@code cgroup.procs} files the launcher writes its pid into. */
    List<Path> procsFiles();

    /** CPU of every task that ever ran in the group, in ms; -1 when not metered. */
    long cpuMs();

    /** Peak memory charged to the group in bytes; -1 when unknown. */
    long peakBytes();

    /** Whether the kernel had to OOM-kill inside the group. */
    boolean memoryLimitHit();

    /** SIGKILLs every task in the group until it is empty. */
    void killAll();

    /** Kills what is left and removes the groups. */
    @Override
    void close();
}
