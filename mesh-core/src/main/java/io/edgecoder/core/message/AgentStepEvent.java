package io.edgecoder.core.message;

/**
 * One finished round of an agent loop, sent by its worker while the loop goes on
 * ({@code CoordinatorAddresses.agentSteps}). {@code leaseId} is the lease of the dispatch, which
 * only the worker holding it knows.
 */
public record AgentStepEvent(String jobId, String runId, String leaseId, AgentStep step) {
}
