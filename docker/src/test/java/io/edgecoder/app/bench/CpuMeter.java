package io.edgecoder.app.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * CPU time used by this JVM and by child processes over a stretch of a benchmark: the figure to
 * compare between runs on a shared machine, where rates move with other people's load but the CPU
 * spent per operation mostly does not. Reads the process CPU time (all threads, GC and JIT
 * included) of this JVM and {@link ProcessHandle.Info#totalCpuDuration()} of the children.
 */
final class CpuMeter {
    private final List<Process> children;
    private final long ownStart;
    private final long[] childStart;

    private CpuMeter(List<Process> children) {
        this.children = children;
        this.ownStart = own();
        this.childStart = children.stream().mapToLong(CpuMeter::of).toArray();
    }

    /** Starts measuring this JVM and {@code children}. */
    static CpuMeter start(List<Process> children) {
        return new CpuMeter(List.copyOf(children));
    }

    /** CPU per operation since the start, in microseconds: this JVM, then the children together. */
    String perOperation(long operations) {
        double own = (own() - ownStart) / 1000.0 / operations;
        long childNs = 0;
        for (int i = 0; i < children.size(); i++) {
            childNs += of(children.get(i)) - childStart[i];
        }
        String line = String.format("CPU per dispatch: this JVM %.0f µs", own);
        return children.isEmpty() ? line : line + String.format(", worker JVMs %.0f µs, all %.0f µs", childNs / 1000.0 / operations,
            own + childNs / 1000.0 / operations);
    }

    private static long own() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long of(Process p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
