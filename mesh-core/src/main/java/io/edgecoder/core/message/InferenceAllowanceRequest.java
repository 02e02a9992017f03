package io.edgecoder.core.message;

/**
 * Asks the ledger for a standing allowance of an account on the sending routing node
 * ({@code LedgerAddresses.INFERENCE_ALLOWANCE_GRANT}): credits escrowed ahead, so that the node's next model calls for
 * this account start without waiting for the ledger. The routing node is the sender's certified node, never a field.
 *
 * @param allowanceId chosen by the routing node, unique (its idempotency key; the escrow account is
 *     {@code allowance:<allowanceId>})
 * @param actor the account whose credits are escrowed ({@code user:<actor.account>})
 * @param amountMilli what the routing node would like escrowed (the ledger may grant less, never more than its cap)
 * @param minMilli the least that is of use (the ledger refuses with 402 when the account cannot cover even this)
 */
public record InferenceAllowanceRequest(
    String allowanceId,
    Actor actor,
    long amountMilli,
    long minMilli) {
}
