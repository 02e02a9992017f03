package io.edgecoder.core.message;

/** Asks a local role for its health. */
public record HealthRequest() {
}
