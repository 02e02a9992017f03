package io.edgecoder.core.message;

/**
 * An owner's or admin's decision about a node: who decided ({@code actor}) and why (optional).
 *
 * @param org the organisation the decider owns: a node of another organisation is answered 404;
 *            null for an admin (any node)
 */
public record NodeDecisionRequest(String nodeId, String actor, String reason, String org) {
    /** A decision by an admin. */
    public NodeDecisionRequest(String nodeId, String actor, String reason) {
        this(nodeId, actor, reason, null);
    }
}
