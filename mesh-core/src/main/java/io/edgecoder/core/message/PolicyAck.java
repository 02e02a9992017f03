package io.edgecoder.core.message;

import java.time.Instant;
import java.util.List;

/**
 * A node's acknowledgement of a policy version, sent when it applied one and then periodically.
 *
 * @param version the policy version the node applied
 * @param committedAt when that version was committed (from the snapshot), for propagation figures
 * @param appliedAt when the node applied it (the node's clock)
 * @param agentVersion the EdgeCoder version the node runs
 * @param rollouts names of the rollouts whose settings this node applied
 * @param health what the node measured since its previous acknowledgement (null when nothing ran)
 */
public record PolicyAck(String nodeId, String org, List<String> roles, long version, Instant committedAt, Instant appliedAt,
                        String agentVersion, List<String> rollouts, NodeHealth health) {
    public PolicyAck {
        roles = roles == null ? List.of() : List.copyOf(roles);
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
    }
}
