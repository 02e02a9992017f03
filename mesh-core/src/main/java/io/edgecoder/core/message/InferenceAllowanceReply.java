package io.edgecoder.core.message;

import java.time.Instant;

/**
 * A granted allowance: {@code amountMilli} moved from {@code payer} into {@code allowance:<allowanceId>}, usable by
 * {@code routedBy} until {@code expiresAt} (after that, and once its calls are settled, the rest goes back).
 *
 * @param prices the prices the ledger escrows calls at, for the routing node to admit calls with the same numbers
 */
public record InferenceAllowanceReply(
    String allowanceId,
    String payer,
    String routedBy,
    long amountMilli,
    Instant expiresAt,
    ModelPrices prices) {
}
