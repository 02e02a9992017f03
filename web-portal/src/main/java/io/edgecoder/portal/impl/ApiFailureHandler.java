package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.accounts.RateLimited;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Turns every failure of a route, and the router's own 404/405/413 answers, into the JSON error
 * shape. A {@link MeshException} (also one that came back over the bus) keeps its code and safe
 * message; a bus timeout or a missing service is 503; anything else is 500 with a reference
 * that {@link BusClient#toMesh} logged once.
 */
public final class ApiFailureHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure == null || failure instanceof HttpException) {
            int status = failure == null ? ctx.statusCode() : ((HttpException) failure).getStatusCode();
            byStatus(ctx, status);
            return;
        }
        if (failure instanceof RateLimited limited) {
            ctx.response().putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
            HttpJson.error(ctx, 429, "rate_limited", limited.getMessage());
            return;
        }
        MeshException mesh = BusClient.toMesh(failure);
        if (mesh.code() == ErrorCode.OVERLOADED) {
            // a full queue (coordinator) says when to come back in its message
            io.edgecoder.core.RetryAfter.seconds(mesh.getMessage())
                .ifPresent(s -> ctx.response().putHeader("Retry-After", Long.toString(s)));
        }
        HttpJson.error(ctx, mesh);
    }

    private static void byStatus(RoutingContext ctx, int status) {
        switch (status) {
            case 404 -> HttpJson.error(ctx, 404, "not_found", "no such resource: " + describe(ctx));
            case 405 -> HttpJson.error(ctx, 405, "method_not_allowed", "method not allowed: " + describe(ctx));
            case 413 -> HttpJson.error(ctx, 413, HttpJson.errorName(ErrorCode.PAYLOAD_TOO_LARGE),
                "body: larger than this route accepts");
            case 400 -> HttpJson.error(ctx, 400, HttpJson.errorName(ErrorCode.BAD_REQUEST), "bad request");
            default -> HttpJson.error(ctx, BusClient.toMesh(new IllegalStateException(
                "unhandled status " + status + " on " + describe(ctx))));
        }
    }

    private static String describe(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String path = ctx.normalizedPath();
        String shown = path.length() <= 120 ? path : path.substring(0, 117) + "...";
        return method.name() + " " + shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** The 401 answer, with the challenge header. */
    public static void unauthorized(RoutingContext ctx, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"edgecoder\"");
        HttpJson.error(ctx, 401, HttpJson.errorName(ErrorCode.UNAUTHORIZED), message);
    }
}
