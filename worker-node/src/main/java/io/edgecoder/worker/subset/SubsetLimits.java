package io.edgecoder.worker.subset;

import io.edgecoder.core.JobSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of one subset check. Sources over the size bounds are refused without being parsed;
 * the Python checker runs as a child process under the time, CPU and memory bounds; the
 * JavaScript parser runs in this JVM on a thread with its own stack.
 *
 * @param maxFiles most files in one request
 * @param maxFileBytes largest single source, in UTF-8 bytes
 * @param maxTotalBytes largest sum of all sources, in UTF-8 bytes
 * @param maxViolations most violations reported; the rest are dropped (the request is refused anyway)
 * @param timeout wall-clock bound of one check
 * @param cpuSeconds CPU-time rlimit of the Python checker process
 * @param memoryBytes address-space rlimit of the Python checker process
 * @param parserStackBytes stack size of the JavaScript parser thread; deeper nesting is refused
 * @param python the interpreter, never looked up on PATH
 * @param prlimit util-linux prlimit, which applies the rlimits before exec
 */
public record SubsetLimits(
        int maxFiles,
        long maxFileBytes,
        long maxTotalBytes,
        int maxViolations,
        Duration timeout,
        int cpuSeconds,
        long memoryBytes,
        long parserStackBytes,
        Path python,
        Path prlimit) {

    public SubsetLimits {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(prlimit, "prlimit");
        if (maxFiles < 1 || maxFileBytes < 1 || maxTotalBytes < 1 || maxViolations < 1
                || cpuSeconds < 1 || memoryBytes < 1 || parserStackBytes < 1
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("subset limits must be positive");
        }
    }

    /**
     * The job limits of {@link JobSpecs} (200 files, 2 MiB in all), 1 MiB per file, 200
     * violations, 20 s wall clock, 15 s CPU, 1 GiB address space, 4 MiB parser stack. Parsing
     * 1 MiB of Python takes about 1 s of CPU, so the bounds leave room for a loaded machine.
     */
    public static SubsetLimits defaults() {
        return new SubsetLimits(JobSpecs.MAX_FILES, 1L << 20, JobSpecs.MAX_TOTAL_BYTES, 200,
                Duration.ofSeconds(20), 15, 1L << 30, 4L << 20,
                Path.of("/usr/bin/python3"), Path.of("/usr/bin/prlimit"));
    }

    public SubsetLimits withTimeout(Duration value) {
        return new SubsetLimits(maxFiles, maxFileBytes, maxTotalBytes, maxViolations, value,
                cpuSeconds, memoryBytes, parserStackBytes, python, prlimit);
    }

    public SubsetLimits withSizes(int files, long fileBytes, long totalBytes) {
        return new SubsetLimits(files, fileBytes, totalBytes, maxViolations, timeout,
                cpuSeconds, memoryBytes, parserStackBytes, python, prlimit);
    }

    public SubsetLimits withPython(Path value) {
        return new SubsetLimits(maxFiles, maxFileBytes, maxTotalBytes, maxViolations, timeout,
                cpuSeconds, memoryBytes, parserStackBytes, value, prlimit);
    }
}
