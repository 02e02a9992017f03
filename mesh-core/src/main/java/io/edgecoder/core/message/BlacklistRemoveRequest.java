package io.edgecoder.core.message;

/** Lifts blacklist entry {@code id}; {@code actor} is the authenticated operator. */
public record BlacklistRemoveRequest(long id, String actor, String reason) {
}
