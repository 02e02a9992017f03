package io.edgecoder.core.message;

/** A placed hold (the same for every repetition of the request). */
public record JobHoldReply(String jobId, long budgetMilli, long priceMilli) {
}
