package io.edgecoder.core.message;

/** An admin's decision about a node: who decided ({@code actor}) and why (optional). */
public record NodeDecisionRequest(String nodeId, String actor, String reason) {
}
