package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.JobSubmitRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent fields of a job: a prompt with its model, iteration bound and remote provider. */
class AgentJobSpecsTest {
    private static final Map<String, String> FILES = Map.of("test_a.py", "import unittest\n");

    private static JobSubmitRequest agentJob(String locality, String prompt, String model, Integer iterations, String remote) {
        return new JobSubmitRequest("t", "python", FILES, List.of("test_a.py"), locality, null, "alice", null, null, prompt,
            model, iterations, remote);
    }

    private static void rejected(JobSubmitRequest job, String message) {
        assertThatThrownBy(() -> JobSpecs.validate(job)).isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    @Test
    void aPromptGetsFourIterationsByDefaultAndKeepsItsModel() {
        JobSubmitRequest ok = JobSpecs.validate(agentJob(null, "write add(a, b)", "qwen2.5-coder:7b", null, null));
        assertThat(ok.agent()).isTrue();
        assertThat(ok.maxIterations()).isEqualTo(JobSpecs.DEFAULT_ITERATIONS);
        assertThat(ok.model()).isEqualTo("qwen2.5-coder:7b");
        assertThat(ok.allowRemote()).isNull();
    }

    @Test
    void aJobWithoutAPromptIsNoAgentJobAndTakesNoAgentOptions() {
        assertThat(JobSpecs.validate(agentJob(null, null, null, null, null)).agent()).isFalse();
        rejected(agentJob(null, null, "m", null, null), "prompt:");
        rejected(agentJob(null, null, null, 2, null), "prompt:");
        rejected(agentJob("mesh", null, null, null, "openai"), "prompt:");
    }

    @Test
    void aPromptNeedsAModel() {
        rejected(agentJob(null, "p", null, null, null), "model: required with a prompt");
        rejected(agentJob(null, "p", "bad model", null, null), "model:");
        rejected(agentJob(null, "p", "m".repeat(129), null, null), "model:");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, JobSpecs.MAX_ITERATIONS + 1})
    void theIterationBoundIsBounded(int n) {
        rejected(agentJob(null, "p", "m", n, null), "maxIterations: must be within 1.." + JobSpecs.MAX_ITERATIONS);
    }

    @Test
    void aPromptIsBoundedText() {
        rejected(agentJob(null, " ", "m", null, null), "prompt: must not be blank");
        rejected(agentJob(null, "x".repeat(JobSpecs.MAX_PROMPT + 1), "m", null, null), "prompt: at most");
        rejected(agentJob(null, "a\u0000b", "m", null, null), "prompt: contains a NUL character");
        assertThat(JobSpecs.validate(agentJob(null, "x".repeat(JobSpecs.MAX_PROMPT), "m", null, null)).prompt())
            .hasSize(JobSpecs.MAX_PROMPT);
    }

    @Test
    void aRemoteProviderIsNeverAllowedForLocalOnlyWork() {
        rejected(agentJob("local-only", "p", "m", null, "openai"), "allowRemote: a local-only job never goes to a remote provider");
        rejected(agentJob(null, "p", "m", null, "openai"), "allowRemote: a local-only job");
        rejected(agentJob("mesh", "p", "m", null, "bad name"), "allowRemote: a provider name");
        assertThat(JobSpecs.validate(agentJob("mesh", "p", "m", null, "openai")).allowRemote()).isEqualTo("openai");
    }

    @Test
    void aRestrictedJobCannotCarryAPrompt() {
        JobSubmitRequest job = new JobSubmitRequest("t", "python", FILES, List.of("test_a.py"), null, null, "alice", true, null,
            "p", "m", null, null);
        rejected(job, "restricted: not available with a prompt");
    }
}
