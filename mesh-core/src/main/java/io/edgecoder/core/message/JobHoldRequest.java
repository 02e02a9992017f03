package io.edgecoder.core.message;

/** Escrow a job's budget before it runs; the price per CPU-second is fixed at this moment. */
public record JobHoldRequest(String jobId, String requester, long budgetMilli) {
}
