package io.edgecoder.core.message;

/**
 * Where a retired allowance stands.
 *
 * @param state {@code closing} (calls drawn from it are still open: the rest returns when they are settled) or
 *     {@code closed} (the rest went back)
 * @param chargedMilli what calls drawn from it were charged so far
 * @param returnedMilli what went back to the payer (0 while closing)
 */
public record InferenceAllowanceCloseReply(
    String allowanceId,
    String state,
    long chargedMilli,
    long returnedMilli) {
}
