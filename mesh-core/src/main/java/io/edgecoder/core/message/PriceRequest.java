package io.edgecoder.core.message;

/** Asks for the current price of a CPU-second. */
public record PriceRequest() {
}
