package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.AccountRole;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may manage nodes, and which: an admin every node; a coordinator-owner only the nodes of
 * their organisation (enrollment tokens for it, its listing, decisions about its nodes); anyone
 * else nobody's (403). The organisation travels on the bus request and the control role applies
 * it in its queries ({@link io.edgecoder.core.Ownership#mayManageNode}), so another organisation's
 * node is answered like an unknown one.
 */
final class NodeOwners {
    private NodeOwners() {
    }

    /** The account acting and the organisation it may manage (null: every organisation). */
    record Scope(String actor, String org) {
    }

    static Scope of(RoutingContext ctx, String what) {
        Caller caller = Caller.of(ctx);
        if (caller.admin()) {
            return new Scope(caller.account(), null);
        }
        if (caller.hasRole(AccountRole.COORDINATOR_OWNER.id()) && caller.org() != null) {
            return new Scope(caller.account(), caller.org());
        }
        throw new MeshException(ErrorCode.FORBIDDEN, "only a coordinator-owner or admin may " + what);
    }
}
