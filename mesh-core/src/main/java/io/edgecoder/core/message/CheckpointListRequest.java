package io.edgecoder.core.message;

/** Asks for every ledger checkpoint. */
public record CheckpointListRequest() {
}
