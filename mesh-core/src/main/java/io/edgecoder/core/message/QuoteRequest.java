package io.edgecoder.core.message;

/** Asks for a signed quote: {@code direction} is {@code buy} (credits for sats) or {@code sell}. */
public record QuoteRequest(String direction, long creditsMilli) {
}
