package io.edgecoder.core.message;

/**
 * Retires an allowance ({@code LedgerAddresses.INFERENCE_ALLOWANCE_CLOSE}): no new draws; its rest returns to the payer
 * once every call drawn from it is settled.
 */
public record InferenceAllowanceCloseRequest(String allowanceId) {
}
