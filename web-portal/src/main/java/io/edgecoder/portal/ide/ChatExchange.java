package io.edgecoder.portal.ide;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat call from HTTP request to HTTP answer. Not streamed: the {@code CHAT} reply becomes the
 * whole answer, a failure the protocol's error with the code's status. Streamed: nothing is sent
 * until the first chunk (so a missing model or a busy mesh is still a plain 404 / 429 / 503), then
 * each chunk's text goes out as it arrives ({@link StreamOut} keeps the client's pace) and the
 * {@code done} chunk (or, should it not come within {@link #DONE_GRACE_MS} of the reply, the reply:
 * the text not yet sent is sent then) ends
 * the stream with the usage. A client that goes away or stops reading cancels the call on the
 * serving node ({@code CHAT_CANCEL}). Exactly one ending per call releases its in-flight place.
 */
final class ChatExchange implements ChunkRouter.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ChatExchange.class);
    /**
     * How long a streamed call waits for its done chunk after the reply came: chunks travel by
     * another path (the cluster's subscription lookup) and may arrive after the reply.
     */
    static final long DONE_GRACE_MS = 2000;

    private final RoutingContext ctx;
    private final IdeCalls calls;
    private final ChatFormat format;
    private final ChatRequest request;
    private final boolean stream;
    private StreamOut out;
    private long sentChars;
    private boolean finished;

    ChatExchange(RoutingContext ctx, IdeCalls calls, ChatFormat format, ChatRequest request) {
        this.ctx = ctx;
        this.calls = calls;
        this.format = format;
        this.request = request;
        this.stream = request.streamTo() != null;
    }

    /** Starts the call; the caller has taken an in-flight place, which this exchange gives back. */
    void run() {
        ctx.response().closeHandler(v -> clientGone());
        if (stream) {
            calls.chunks().register(request.requestId(), this);
        }
        calls.chat(request).onComplete(this::replied);
    }

    private void replied(AsyncResult<ChatReply> result) {
        if (finished) {
            return;
        }
        if (result.failed()) {
            failed(BusClient.toMesh(result.cause()));
        } else if (stream) {
            ChatReply reply = result.result();
            ctx.vertx().setTimer(DONE_GRACE_MS, t -> {
                if (!finished) {
                    finishStream(reply);
                }
            });
        } else {
            ctx.response().setStatusCode(200).putHeader("Content-Type", Protocol.JSON).end(format.whole(result.result()).encode());
            complete();
        }
    }

    @Override
    public void chunk(ChatChunk chunk) {
        if (finished) {
            return;
        }
        if (chunk.errorCode() != null) {
            failed(new MeshException(ErrorCode.fromStatus(chunk.errorCode()),
                chunk.errorMessage() == null ? "the model call failed" : chunk.errorMessage()));
            return;
        }
        if (chunk.delta() != null && !chunk.delta().isEmpty()) {
            sentChars += chunk.delta().length();
            out().write(format.delta(chunk.delta()));
        }
        if (chunk.done() && chunk.reply() != null) {
            finishStream(chunk.reply());
        }
    }

    @Override
    public void broken(MeshException failure) {
        if (!finished) {
            calls.cancel(request.requestId());
            failed(failure);
        }
    }

    /** Ends a stream from the full reply: whatever text the chunks have not carried yet goes first. */
    private void finishStream(ChatReply reply) {
        String content = reply.content() == null ? "" : reply.content();
        if (content.length() > sentChars) {
            out().write(format.delta(content.substring((int) sentChars)));
        }
        out().end(format.finish(reply));
        complete();
    }

    private void failed(MeshException failure) {
        if (out == null) {
            format.protocol().fail(ctx, failure);
        } else {
            out.end(format.protocol().streamError(failure));
        }
        complete();
    }

    private StreamOut out() {
        if (out == null) {
            HttpServerResponse response = ctx.response();
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", format.streamContentType())
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
            out = new StreamOut(response, StreamOut.DEFAULT_MAX_QUEUED_BYTES, this::slowClient);
        }
        return out;
    }

    private void slowClient() {
        LOG.info("IDE call {}: the client stopped reading ({} bytes waiting); cancelled", request.requestId(),
            StreamOut.DEFAULT_MAX_QUEUED_BYTES);
        calls.cancel(request.requestId());
        complete();
        ctx.request().connection().close();
    }

    private void clientGone() {
        if (!finished) {
            calls.cancel(request.requestId());
            complete();
        }
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        if (stream) {
            calls.chunks().remove(request.requestId());
        }
        calls.release();
    }
}
