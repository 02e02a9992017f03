package io.edgecoder.core.message;

/** Lists the deployment's mode and every organisation's. */
public record ModeListRequest() {
}
