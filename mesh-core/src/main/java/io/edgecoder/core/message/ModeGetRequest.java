package io.edgecoder.core.message;

/** The mode of an organisation, or of the deployment when {@code org} is null. */
public record ModeGetRequest(String org) {
}
