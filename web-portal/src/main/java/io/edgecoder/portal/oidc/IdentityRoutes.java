package io.edgecoder.portal.oidc;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.impl.HttpJson;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/oauth/identities}: the provider identities linked to the caller's account. */
final class IdentityRoutes {
    private final PgIdentityStore identities;

    IdentityRoutes(PgIdentityStore identities) {
        this.identities = identities;
    }

    void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (Caller.VIA_ADMIN_TOKEN.equals(caller.via())) {
            throw MeshException.badRequest("credential: the admin token belongs to no account; sign in as an account");
        }
        identities.list(caller.account())
            .compose(list -> HttpJson.send(ctx, 200, new JsonObject().put("identities", list)))
            .onFailure(ctx::fail);
    }
}
