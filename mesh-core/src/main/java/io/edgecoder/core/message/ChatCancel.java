package io.edgecoder.core.message;

/** The caller of a chat went away: stop the provider call for {@code requestId}. */
public record ChatCancel(String requestId) {
}
