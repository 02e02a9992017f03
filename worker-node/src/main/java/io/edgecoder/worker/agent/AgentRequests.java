package io.edgecoder.worker.agent;

import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.worker.Language;

/**
 * The checks a worker makes on an agent run request before it asks any model, although the
 * coordinator validated the job: a 400 names the field.
 */
final class AgentRequests {
    private AgentRequests() {
    }

    static void check(AgentRunRequest r) {
        if (r == null || r.jobId() == null || r.jobId().isBlank() || r.jobId().length() > 200) {
            throw MeshException.badRequest("jobId: required, at most 200 characters");
        }
        if (r.runId() == null || r.runId().isBlank() || r.runId().length() > 250) {
            throw MeshException.badRequest("runId: required, at most 250 characters");
        }
        if (r.prompt() == null || r.prompt().isBlank() || r.prompt().length() > JobSpecs.MAX_PROMPT) {
            throw MeshException.badRequest("prompt: required, at most " + JobSpecs.MAX_PROMPT + " characters");
        }
        if (r.model() == null || r.model().isBlank() || r.model().length() > 128) {
            throw MeshException.badRequest("model: required, at most 128 characters");
        }
        if (r.maxIterations() < 1 || r.maxIterations() > JobSpecs.MAX_ITERATIONS) {
            throw MeshException.badRequest("maxIterations: must be within 1.." + JobSpecs.MAX_ITERATIONS);
        }
        if (r.timeoutSeconds() < JobSpecs.MIN_TIMEOUT || r.timeoutSeconds() > JobSpecs.MAX_TIMEOUT) {
            throw MeshException.badRequest("timeoutSeconds: must be within " + JobSpecs.MIN_TIMEOUT + ".." + JobSpecs.MAX_TIMEOUT);
        }
        if (r.modelTimeoutSeconds() < 1 || r.modelTimeoutSeconds() > AgentLoop.MAX_MODEL_TIMEOUT_SECONDS) {
            throw MeshException.badRequest("modelTimeoutSeconds: must be within 1.." + AgentLoop.MAX_MODEL_TIMEOUT_SECONDS);
        }
        if (r.localOnly() && r.allowRemote() != null) {
            throw MeshException.badRequest("allowRemote: a local-only job never goes to a remote provider");
        }
        if (r.stepsTo() != null && !r.stepsTo().startsWith(io.edgecoder.core.address.CoordinatorAddresses.AGENT_STEP_PREFIX)) {
            throw MeshException.badRequest("stepsTo: must be a coordinator's agent step address");
        }
        files(r);
        Language language = Language.of(r.language())
            .orElseThrow(() -> MeshException.badRequest("language: unknown language '" + r.language() + "'"));
        if (!language.available()) {
            // Retryable on purpose: another worker may have the runtime.
            throw MeshException.unavailable("this worker has no " + language.id() + " runtime");
        }
    }

    private static void files(AgentRunRequest r) {
        if (r.files() == null || r.files().isEmpty() || r.files().size() > JobSpecs.MAX_FILES) {
            throw MeshException.badRequest("files: 1.." + JobSpecs.MAX_FILES + " files are required");
        }
        r.files().forEach((path, content) -> {
            JobSpecs.checkPath(path);
            if (content == null) {
                throw MeshException.badRequest("files: content of a file must be a string");
            }
        });
        if (r.tests() == null || r.tests().isEmpty() || !r.files().keySet().containsAll(r.tests())) {
            throw MeshException.badRequest("tests: required, each one of the files");
        }
    }
}
