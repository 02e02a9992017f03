package io.edgecoder.core.message;

/**
 * One run of a {@link RunBatchRequest}: the request for one worker that the receiving node carries.
 * The request must name its lease ({@link RunSubtaskRequest#leaseId()}): the outcome comes back under it.
 */
public record BatchedRun(String workerId, RunSubtaskRequest request) {
}
