package io.edgecoder.worker.impl;

import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What every sandbox does before a run starts: a language whose runtime this worker lacks is an
 * error result, not a launch; and a level with a uid per run holds one uid of its pool for the
 * run's whole length (a worker stopping while the run waits for one makes it an error too).
 */
final class RunAdmission {
    private RunAdmission() {
    }

    /** The run, or an error result when the spec's runtime is not installed. */
    static RunResult ifInstalled(RunSpec spec, String isolation, Supplier<RunResult> run) {
        if (!spec.language().available()) {
            return RunResult.error(isolation, spec.language().runtime() + " is not installed on this worker", 0);
        }
        return run.get();
    }

    /** As {@link #ifInstalled}, the run given a uid of {@code uids} that is released when it returns. */
    static RunResult withUid(RunSpec spec, String isolation, UidPool uids, IntFunction<RunResult> run) {
        return ifInstalled(spec, isolation, () -> holdingUid(isolation, uids, run));
    }

    private static RunResult holdingUid(String isolation, UidPool uids, IntFunction<RunResult> run) {
        int uid;
        try {
            uid = uids.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.error(isolation, "worker stopping", 0);
        }
        try {
            return run.apply(uid);
        } finally {
            uids.release(uid);
        }
    }
}
