package io.edgecoder.core.message;

import java.time.Instant;
import java.util.List;

/**
 * The control plane's state: the current policy version, when it was committed, the deployment's
 * mode, and each node's last acknowledgement ({@code nodes}, by node id). A node whose
 * {@code version} is below {@code version} has not applied the latest change yet.
 */
public record ControlStatusReply(long version, Instant committedAt, String deploymentMode, List<PolicyAck> nodes) {
    public ControlStatusReply {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
