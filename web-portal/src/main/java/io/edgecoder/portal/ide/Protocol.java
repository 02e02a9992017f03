package io.edgecoder.portal.ide;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The two protocols the endpoint speaks, and the shape of an error in each: OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}} under {@code /v1}, Ollama's
 * {@code {"error": "message"}} elsewhere. A 429 carries {@code Retry-After}, a 401 the Bearer challenge.
 */
enum Protocol {
    OPENAI,
    OLLAMA;

    static final String JSON = "application/json; charset=utf-8";
    /** Seconds a client is asked to wait after a 429. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** The protocol of a request path: {@code /v1/...} is OpenAI's, anything else Ollama's. */
    static Protocol of(RoutingContext ctx) {
        return ctx.normalizedPath().startsWith("/v1/") || ctx.normalizedPath().equals("/v1") ? OPENAI : OLLAMA;
    }

    /** Ends the response with {@code failure}'s status and safe message in this protocol's shape. */
    void fail(RoutingContext ctx, MeshException failure) {
        fail(ctx, failure.code().status(), failure.getMessage());
    }

    void fail(RoutingContext ctx, int status, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"edgecoder\"");
        }
        if (status == 429) {
            response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(error(status, message).encode());
    }

    /** The error body in this protocol's shape. */
    JsonObject error(int status, String message) {
        if (this == OLLAMA) {
            return new JsonObject().put("error", message);
        }
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", openAiType(status))
            .putNull("param").put("code", openAiCode(status)));
    }

    /** A failure that ends a stream already under way, as the protocol's clients read it. */
    Buffer streamError(MeshException failure) {
        String json = error(failure.code().status(), failure.getMessage()).encode();
        return Buffer.buffer(this == OPENAI ? "data: " + json + "\n\n" : json + "\n");
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 400, 413 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 503 -> "service_unavailable";
            case 504 -> "timeout";
            default -> "server_error";
        };
    }

    private static String openAiCode(int status) {
        return switch (ErrorCode.fromStatus(status)) {
            case UNAUTHORIZED -> "invalid_api_key";
            case NOT_FOUND -> "model_not_found";
            case OVERLOADED -> "busy";
            case PAYLOAD_TOO_LARGE -> "payload_too_large";
            default -> ErrorCode.fromStatus(status).name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
