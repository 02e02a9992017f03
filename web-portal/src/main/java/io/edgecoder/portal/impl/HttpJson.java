package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Writes JSON responses and the one JSON error shape: {@code {"error": code, "message": text}}. */
public final class HttpJson {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private HttpJson() {
    }

    /** Ends the response with {@code status} and {@code body}. */
    public static Future<Void> send(RoutingContext ctx, int status, JsonObject body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status)
            .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
            .end(body.encode());
    }

    /** Ends the response with the status of {@code failure}'s code and its safe message. */
    public static Future<Void> error(RoutingContext ctx, MeshException failure) {
        return error(ctx, failure.code().status(), errorName(failure.code()), failure.getMessage());
    }

    /** Ends the response with an error body. */
    public static Future<Void> error(RoutingContext ctx, int status, String error, String message) {
        return send(ctx, status, new JsonObject().put("error", error).put("message", message));
    }

    /** The lower-case name of a code as it appears in the {@code error} field. */
    public static String errorName(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT);
    }
}
