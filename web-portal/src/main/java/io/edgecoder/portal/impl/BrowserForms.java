package io.edgecoder.portal.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the open account routes (sign-up, sign-in, verification, reset), which no CSRF token can
 * protect because the caller has no session yet: the body must be declared
 * {@code application/json} (a cross-site HTML form cannot send that without a CORS preflight, which
 * the portal never grants), and a browser's {@code Sec-Fetch-Site: cross-site} is refused. This stops
 * another site from signing a visitor in to an account of its choosing.
 */
final class BrowserForms implements Handler<RoutingContext> {
    @Override
    public void handle(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.strip().toLowerCase(java.util.Locale.ROOT).matches("application/json\\s*(;.*)?")) {
            HttpJson.error(ctx, 415, "unsupported_media_type", "content-type: this route accepts only application/json");
            return;
        }
        if ("cross-site".equalsIgnoreCase(ctx.request().getHeader("Sec-Fetch-Site"))) {
            HttpJson.error(ctx, 403, "forbidden", "origin: this route does not accept requests from other sites");
            return;
        }
        ctx.next();
    }
}
