package io.edgecoder.core.message;

/** Records that checkpoint {@code checkpointId}'s root is being submitted to {@code service}; idempotent. */
public record AnchorSubmitRequest(long checkpointId, String service) {
}
