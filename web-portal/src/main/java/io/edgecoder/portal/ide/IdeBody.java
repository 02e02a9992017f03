package io.edgecoder.portal.ide;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads a request body of at most {@code limit} bytes (a declared larger length is refused before
 * a byte is read; a body that grows past it is refused when it does and the connection closed),
 * 413 in the request's protocol. {@link #parse} decodes strict UTF-8 and parses on a worker thread
 * when the body is large, so a big prompt never holds the event loop.
 */
final class IdeBody implements Handler<RoutingContext> {
    private static final String KEY = "edgecoder.ide.body";
    static final int INLINE_PARSE_BYTES = 64 * 1024;

    private final long limit;

    IdeBody(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader("Content-Length");
        if (length != null && declared(length) > limit) {
            refuse(ctx);
            return;
        }
        if (request.isEnded()) {
            ctx.put(KEY, Buffer.buffer());
            ctx.next();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                refuse(ctx);
                return;
            }
            body.appendBuffer(chunk);
        }).endHandler(v -> {
            if (!refused[0]) {
                ctx.put(KEY, body);
                ctx.next();
            }
        }).exceptionHandler(ctx::fail).resume();
    }

    private static long declared(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        Protocol.of(ctx).fail(ctx, 413, "body: larger than " + limit + " bytes (ide.max.body.bytes)");
    }

    /** The body read earlier, decoded and given to {@code parser}: inline when small, else on a worker. */
    static <T> Future<T> parse(RoutingContext ctx, Function<String, T> parser) {
        Buffer body = ctx.get(KEY);
        Buffer bytes = body == null ? Buffer.buffer() : body;
        if (bytes.length() > INLINE_PARSE_BYTES) {
            return ctx.vertx().executeBlocking(() -> parser.apply(text(bytes)), false);
        }
        try {
            return Future.succeededFuture(parser.apply(text(bytes)));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    static String text(Buffer body) {
        ByteBuffer bytes = ByteBuffer.wrap(body.getBytes());
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw MeshException.badRequest("body: not valid UTF-8 (byte " + bytes.position() + ")");
        }
    }
}
