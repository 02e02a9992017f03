package io.edgecoder.portal.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.PortalLimits;
import io.vertx.ext.web.RoutingContext;

/** Checks identifiers taken from the path; a bad one is a 400 naming the parameter. */
final class PathParams {
    /** Longest ledger account name ({@code <kind>:<id>}). */
    static final int MAX_ACCOUNT_LENGTH = 200;

    private PathParams() {
    }

    /** A ledger account name: 1..200 printable ASCII characters without spaces. */
    static String account(RoutingContext ctx) {
        return token(ctx, "account", MAX_ACCOUNT_LENGTH);
    }

    /** An id of 1..128 printable ASCII characters without spaces. */
    static String id(RoutingContext ctx, String name) {
        return token(ctx, name, PortalLimits.MAX_ID_LENGTH);
    }

    private static String token(RoutingContext ctx, String name, int maxLength) {
        String value = ctx.pathParam(name);
        if (value == null || value.isEmpty() || value.length() > maxLength
            || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw MeshException.badRequest(name + ": must be 1.." + maxLength
                + " printable ASCII characters without spaces");
        }
        return value;
    }
}
