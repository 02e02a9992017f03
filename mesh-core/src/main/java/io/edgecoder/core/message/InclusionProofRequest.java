package io.edgecoder.core.message;

/** Asks for the proof that entry {@code seq} is in a checkpoint (null: the first covering it). */
public record InclusionProofRequest(long seq, Long checkpointId) {
}
