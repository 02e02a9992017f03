package io.edgecoder.core.message;

/**
 * Lists enrolled nodes; {@code status} (pending|approved|rejected|revoked) filters, null lists all.
 *
 * @param org only the nodes of this organisation (a coordinator-owner's); null: every node (an admin)
 */
public record NodeListRequest(String status, String org) {
    /** Every node, for an admin. */
    public NodeListRequest(String status) {
        this(status, null);
    }
}
