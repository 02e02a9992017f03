package io.edgecoder.worker;

/**
 * Resource limits of one run. Which of them a sandbox can enforce depends on its isolation
 * level (see {@code docs/sandbox.md}); every sandbox enforces the wall clock and output caps.
 *
 * @param memoryBytes address space (rlimit) or memory cgroup limit
 * @param maxProcesses pids cgroup limit (process and thread count)
 * @param openFiles RLIMIT_NOFILE
 * @param workspaceBytes cap on bytes written into the workspace
 * @param capturedOutputBytes bytes of each of stdout and stderr kept in the result (head and tail)
 * @param maxOutputBytes total output after which the run is killed with {@code output_limit}
 */
public record RunLimits(
    long memoryBytes,
    int maxProcesses,
    int openFiles,
    long workspaceBytes,
    int capturedOutputBytes,
    long maxOutputBytes) {

    public static final long MIB = 1024L * 1024;

    public RunLimits {
        if (memoryBytes < 64 * MIB) {
            throw new IllegalArgumentException("memory limit below 64 MiB");
        }
        if (maxProcesses < 8 || openFiles < 32) {
            throw new IllegalArgumentException("process or open-file limit too low");
        }
        if (workspaceBytes < MIB || capturedOutputBytes < 1024 || maxOutputBytes < capturedOutputBytes) {
            throw new IllegalArgumentException("workspace or output limits too low");
        }
    }

    /** 1 GiB memory, 128 processes, 256 open files, 64 MiB workspace, 64 KiB per stream, 8 MiB output. */
    public static RunLimits defaults() {
        return new RunLimits(1024 * MIB, 128, 256, 64 * MIB, 64 * 1024, 8 * MIB);
    }

    public RunLimits withMemoryBytes(long bytes) {
        return new RunLimits(bytes, maxProcesses, openFiles, workspaceBytes, capturedOutputBytes, maxOutputBytes);
    }

    public RunLimits withMaxOutputBytes(long bytes) {
        return new RunLimits(memoryBytes, maxProcesses, openFiles, workspaceBytes, capturedOutputBytes, bytes);
    }

    public RunLimits withWorkspaceBytes(long bytes) {
        return new RunLimits(memoryBytes, maxProcesses, openFiles, bytes, capturedOutputBytes, maxOutputBytes);
    }
}
