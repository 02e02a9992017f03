package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.edgecoder.core.MeshException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads a request body of at most {@code limit} bytes into memory, whatever its content type.
 * Unlike Vert.x Web's {@code BodyHandler} it never decodes forms or stores uploads, so a JSON
 * body sent with curl's default form content type is still read as JSON, and a large body
 * fails as 413 rather than as a form-decoder error. A declared length over the limit is refused
 * before any byte is read (and before {@code 100 Continue}); a body that grows over the limit
 * is refused as soon as it does, the rest is discarded up to {@link #DISCARD_FACTOR} times the
 * limit, and then the connection is closed.
 */
public final class LimitedBody implements Handler<RoutingContext> {
    private static final String KEY = "edgecoder.body";
    static final int DISCARD_FACTOR = 2;
    /** Bodies up to this many bytes are decoded and parsed on the event loop; larger ones on a worker. */
    static final int INLINE_PARSE_BYTES = 64 * 1024;

    private final long limit;

    public LimitedBody(long limit) {
        this.limit = limit;
    }

    /** The body read by this handler earlier in the route (empty if none). */
    public static Buffer of(RoutingContext ctx) {
        Buffer body = ctx.get(KEY);
        return body == null ? Buffer.buffer() : body;
    }

    /**
     * The body read earlier in the route, decoded as UTF-8 and given to {@code parser}: inline
     * when it is at most {@value #INLINE_PARSE_BYTES} bytes, else on a worker thread, so a large
     * body never holds the event loop. {@code parser} must not touch {@code ctx}.
     */
    public static <T> Future<T> parse(RoutingContext ctx, Function<String, T> parser) {
        Buffer body = of(ctx);
        if (body.length() > INLINE_PARSE_BYTES) {
            return ctx.vertx().executeBlocking(() -> parser.apply(text(body)), false);
        }
        try {
            return Future.succeededFuture(parser.apply(text(body)));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * {@code body} decoded as UTF-8 (as JSON must be); a malformed byte is a 400 naming its
     * offset, never silently replaced (a file's content must reach the sandbox as sent).
     */
    public static String text(Buffer body) {
        ByteBuffer bytes = ByteBuffer.wrap(body.getBytes());
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw MeshException.badRequest("body: not valid UTF-8 (byte " + bytes.position()
                + "); JSON must be UTF-8 and file contents must be text");
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.get(KEY) != null) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        if (declaredLength(request) > limit) {
            refuse(ctx);
            return;
        }
        if (request.isEnded()) {
            ctx.fail(new IllegalStateException("body handler reached after the request ended"));
            return;
        }
        continueIfExpected(request);
        Reader reader = new Reader(ctx);
        request.handler(reader::chunk).endHandler(v -> reader.end()).exceptionHandler(ctx::fail).resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void continueIfExpected(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_1_1
            && "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            request.response().writeContinue();
        }
    }

    private static void refuse(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        HttpJson.error(ctx, ErrorCode.PAYLOAD_TOO_LARGE.status(), HttpJson.errorName(ErrorCode.PAYLOAD_TOO_LARGE),
            "body: larger than this route accepts");
    }

    private final class Reader {
        private final RoutingContext ctx;
        private final Buffer body = Buffer.buffer();
        private long discarded;
        private boolean refused;

        Reader(RoutingContext ctx) {
            this.ctx = ctx;
        }

        void chunk(Buffer chunk) {
            if (refused) {
                discard(chunk);
            } else if (body.length() + (long) chunk.length() > limit) {
                refused = true;
                refuse(ctx);
            } else {
                body.appendBuffer(chunk);
            }
        }

        private void discard(Buffer chunk) {
            discarded += chunk.length();
            if (discarded > DISCARD_FACTOR * limit) {
                ctx.request().handler(null);
                ctx.request().connection().close();
            }
        }

        void end() {
            if (!refused) {
                ctx.put(KEY, body);
                ctx.next();
            }
        }
    }
}
