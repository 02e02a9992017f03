package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process to supervise.
 *
 * @param scope the run's directory: processes working inside it belong to the run
 * @param onKill extra clean-up when the run is killed or ends (for example killing a cgroup); may be a no-op
 * @param contained whether {@code onKill} alone reaches every process of the run (a cgroup does),
 *     which spares the slower sweep of /proc
 * @param runUid a uid only this run's processes have (they are swept by it), or -1
 * @param stdin bytes fed to the process's standard input, then closed; empty for none
 */
record Launch(List<String> command, Map<String, String> env, Path cwd, Duration timeout, RunLimits limits,
              Path scope, Runnable onKill, boolean contained, long runUid, byte[] stdin) {
    Launch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
