package io.edgecoder.core.message;

import java.util.List;
import java.util.Map;

/**
 * Run the agent loop of an agent job on one worker ({@code WorkerAddresses.agentRun}): ask the
 * model for the implementation, write its files, run the tests in the sandbox, feed the failures
 * back, up to {@code maxIterations} questions.
 *
 * @param runId unique per dispatch ({@code <job>-agent#<n>})
 * @param leaseId the coordinator's random id of the slot lease this run holds
 * @param files the starting files, tests included (the model never changes a test file)
 * @param timeoutSeconds the job's timeout for one test file's run
 * @param modelTimeoutSeconds how long one model answer may take
 * @param actor the requester, for whom the model is asked (accounted and audited by inference)
 * @param org the organisation whose nodes may see a local-only prompt
 * @param localOnly whether only nodes of {@code org} may serve the model
 * @param allowRemote the remote provider the job allows, or null
 * @param stepsTo where to send each {@code AgentStepEvent} as the loop goes
 *     ({@code CoordinatorAddresses.agentSteps}); null = only in the reply
 */
public record AgentRunRequest(
    String jobId,
    String runId,
    String leaseId,
    String language,
    Map<String, String> files,
    List<String> tests,
    String prompt,
    String model,
    int maxIterations,
    int timeoutSeconds,
    int modelTimeoutSeconds,
    Actor actor,
    String org,
    boolean localOnly,
    String allowRemote,
    String stepsTo) {
}
