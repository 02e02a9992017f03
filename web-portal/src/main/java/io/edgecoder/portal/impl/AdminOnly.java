package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.vertx.ext.web.RoutingContext;

/**
 * The one check that a request may act as an owner or admin of the deployment (create enrollment
 * tokens, approve, reject or revoke nodes). Today only the admin token's holder may; when accounts
 * arrive, owners and admins of an organisation pass here and nobody else.
 */
final class AdminOnly {
    private AdminOnly() {
    }

    /** The account acting, recorded by the control role as who decided; 403 for anyone else. */
    static String actor(RoutingContext ctx, String what) {
        Caller caller = Caller.of(ctx);
        if (!caller.admin()) {
            throw new MeshException(ErrorCode.FORBIDDEN, "only an owner or admin may " + what);
        }
        return caller.account();
    }
}
