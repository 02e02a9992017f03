package io.edgecoder.core.message;

/** Asks a coordinator for its capacity table. */
public record WorkerListRequest() {
}
