package io.edgecoder.portal.impl;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response: no MIME sniffing, no framing, no referrer. Machine endpoints
 * ({@code /api}, {@code /health}, {@code /metrics}) also forbid caching and any active content.
 * The later dashboard routes get their own content policy rather than loosening this one.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    private final boolean machineEndpoint;

    private SecurityHeaders(boolean machineEndpoint) {
        this.machineEndpoint = machineEndpoint;
    }

    /** For every route. */
    public static SecurityHeaders everywhere() {
        return new SecurityHeaders(false);
    }

    /** For API, health and metrics routes: adds no-store and a deny-all content policy. */
    public static SecurityHeaders machine() {
        return new SecurityHeaders(true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        if (machineEndpoint) {
            headers.set("Cache-Control", "no-store")
                .set("Pragma", "no-cache")
                .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        } else {
            headers.set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        }
        ctx.next();
    }
}
