package io.edgecoder.core.message;

/** Asks for the proof that checkpoint {@code fromId}'s tree is a prefix of {@code toId}'s. */
public record ConsistencyProofRequest(long fromId, long toId) {
}
