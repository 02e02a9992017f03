package io.edgecoder.core.address;

import io.edgecoder.core.Role;

/** Node-local addresses (registered with local consumers, never seen across the cluster). */
public final class NodeAddresses {
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
