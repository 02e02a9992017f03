package io.edgecoder.worker.agent;

import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.vertx.core.Future;

/** Runs one spec in the worker's sandbox for a job (the worker's slot scheduler, which a cancellation stops). */
@FunctionalInterface
public interface SandboxRunner {
    Future<RunResult> run(String jobId, RunSpec spec);
}
