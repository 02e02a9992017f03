package io.edgecoder.core.message;

/** Asks for the anchors of one checkpoint, or of every checkpoint when {@code checkpointId} is null. */
public record AnchorListRequest(Long checkpointId) {
}
