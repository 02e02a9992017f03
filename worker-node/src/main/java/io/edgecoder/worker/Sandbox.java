package io.edgecoder.worker;

/**
 * Runs one test file of untrusted code in a fresh workspace and reports what happened. The
 * call blocks for the length of the run, so callers run it on a worker thread. Whatever the
 * outcome, nothing of the run is left afterwards: no process, no workspace (and for the strong
 * level no cgroup). Implementations are thread-safe; several runs may proceed at once.
 */
public interface Sandbox extends AutoCloseable {
    /** {@code strong}, {@code basic}, {@code none} or {@code process}: what every run of this sandbox gets. */
    String isolation();

    /** Runs the spec; never throws for anything the untrusted code did (that is a status). */
    RunResult run(RunSpec spec);

    /** Kills every run in progress; they end with status {@code killed}. */
    void killAll();

    @Override
    default void close() {
        killAll();
    }
}
