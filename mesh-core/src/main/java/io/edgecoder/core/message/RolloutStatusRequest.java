package io.edgecoder.core.message;

/** One rollout by {@code name}, or all of them when null. */
public record RolloutStatusRequest(String name) {
}
