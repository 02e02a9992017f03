package io.edgecoder.core.message;

/** Settles a payment intent with the provider's proof (manual: the operator's note; lightning: the preimage in hex). */
public record IntentSettleRequest(String intentId, String proof) {
}
