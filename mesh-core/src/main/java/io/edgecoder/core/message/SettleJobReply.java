package io.edgecoder.core.message;

/**
 * The outcome of a settlement; identical for repeated requests.
 *
 * @param chargedMilli milli-credits moved from the requester
 * @param entries ledger entries written for this job (in total, not only by this request)
 */
public record SettleJobReply(String jobId, long chargedMilli, int entries) {
}
