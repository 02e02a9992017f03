package io.edgecoder.portal.impl;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Answers HTTP requests that could not be decoded (before any route sees them) in the portal's
 * one JSON error shape instead of Vert.x's empty answer: a request line longer than
 * {@link #MAX_REQUEST_LINE} bytes (usually a URL that is too long) is 414, headers over
 * {@link #MAX_HEADER_BYTES} bytes are 431, anything else 400. The connection is closed after
 * the answer, since the decoder cannot resynchronise on it.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {
    /** Longest request line (method, URL, version) the portal reads. */
    public static final int MAX_REQUEST_LINE = 4096;
    /** Most bytes of request headers the portal reads. */
    public static final int MAX_HEADER_BYTES = 8192;

    @Override
    public void handle(HttpServerRequest request) {
        Answer answer = answer(request.decoderResult() == null ? null : request.decoderResult().cause());
        request.response()
            .setStatusCode(answer.status())
            .putHeader(HttpHeaders.CONTENT_TYPE, HttpJson.CONTENT_TYPE)
            .putHeader(HttpHeaders.CONNECTION, "close")
            .end(new JsonObject().put("error", answer.code()).put("message", answer.message()).encode())
            .onComplete(done -> request.connection().close());
    }

    /** The status, error code and message for a decoding failure. */
    record Answer(int status, String code, String message) {
    }

    static Answer answer(Throwable cause) {
        String text = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof TooLongFrameException && text.startsWith("An HTTP line is larger than")) {
            return new Answer(414, "uri_too_long", "url: the request line (method, URL and version) is longer than "
                + MAX_REQUEST_LINE + " bytes");
        }
        if (cause instanceof TooLongFrameException && text.startsWith("HTTP header is larger than")) {
            return new Answer(431, "headers_too_large", "headers: the request headers are larger than "
                + MAX_HEADER_BYTES + " bytes");
        }
        return new Answer(400, "bad_request", "request: not a valid HTTP request");
    }
}
