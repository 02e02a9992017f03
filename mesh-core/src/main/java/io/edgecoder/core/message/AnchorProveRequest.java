package io.edgecoder.core.message;

/**
 * Records {@code service}'s proof for a submitted anchor, as base64 of at most
 * {@link AnchorView#MAX_PROOF_BYTES} decoded bytes (OpenTimestamps: the {@code .ots} file).
 * The same proof again is answered as the first time; a different one is a conflict.
 */
public record AnchorProveRequest(long checkpointId, String service, String proofBase64) {
}
