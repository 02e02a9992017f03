package io.edgecoder.core.message;

/** Asks for one payment intent. */
public record IntentGetRequest(String intentId) {
}
