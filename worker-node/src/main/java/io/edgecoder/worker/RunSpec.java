package io.edgecoder.worker;

import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import java.time.Duration;
import java.util.Map;

/**
 * What to run: the job's files written into a fresh workspace, one test file run by the
 * language's test runner, within a wall-clock timeout and resource limits. The compact
 * constructor rejects anything a sandbox must not be asked to do (400 with the field named).
 */
public record RunSpec(Language language, Map<String, String> files, String test, Duration timeout, RunLimits limits) {

    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(JobSpecs.MAX_TIMEOUT);

    public RunSpec {
        if (language == null) {
            throw MeshException.badRequest("language: required");
        }
        if (files == null || files.isEmpty()) {
            throw MeshException.badRequest("files: at least one file is required");
        }
        files.forEach((path, content) -> {
            JobSpecs.checkPath(path);
            if (content == null) {
                throw MeshException.badRequest("files: content of '" + path + "' must be a string");
            }
        });
        if (test == null || !files.containsKey(test)) {
            throw MeshException.badRequest("test: must be one of the files");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw MeshException.badRequest("timeoutSeconds: must be within 1.." + JobSpecs.MAX_TIMEOUT);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits required");
        }
        files = Map.copyOf(files);
    }
}
