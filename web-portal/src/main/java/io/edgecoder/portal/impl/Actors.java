package io.edgecoder.portal.impl;

import io.edgecoder.core.message.Actor;
import io.edgecoder.portal.Caller;
import io.vertx.ext.web.RoutingContext;

/**
 * The person a request acts for, as the owning roles see it on the bus: routes put it on every
 * read or cancel request, and the coordinator and the ledger filter by it
 * ({@link io.edgecoder.core.Ownership}), so the check does not depend on each route remembering it.
 */
final class Actors {
    private Actors() {
    }

    static Actor of(RoutingContext ctx) {
        return of(Caller.of(ctx));
    }

    static Actor of(Caller caller) {
        return new Actor(caller.account(), caller.admin());
    }
}
