package io.edgecoder.core.message;

/** A node asks for the current policy; {@code known} is the version it holds (0: none). */
public record PolicyGetRequest(long known) {
}
