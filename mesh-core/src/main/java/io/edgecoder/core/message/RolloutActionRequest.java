package io.edgecoder.core.message;

/** Pause, resume or roll back rollout {@code name}; {@code actor} is the authenticated operator. */
public record RolloutActionRequest(String name, String actor, String reason) {
}
