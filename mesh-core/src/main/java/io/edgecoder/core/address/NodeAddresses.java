package io.edgecoder.core.address;

import io.edgecoder.core.Role;

/** Node-local addresses (registered with local consumers, never seen across the cluster). */
public final class NodeAddresses {
    /**
     * Local publish {@code MemberLeftEvent}: cluster membership says a node of the deployment left
     * (its Hazelcast member was removed: it stopped, crashed or was cut off). Published by the
     * launcher, which maps the member to the node through its signed statement
     * ({@code trust.ClusterMembers}); a coordinator takes over that node's unfinished jobs at once
     * instead of waiting for their leases to expire.
     */
    public static final String MEMBER_LEFT = "edgecoder.node.member.left";

    private NodeAddresses() {
    }

    /**
     * Local request {@code HealthRequest} → {@code RoleHealth}: each deployed role answers for
     * itself (roles using the database include its state). No handler = role not on this node.
     */
    public static String roleHealth(Role role) {
        return "edgecoder.node.health." + role.id();
    }
}
