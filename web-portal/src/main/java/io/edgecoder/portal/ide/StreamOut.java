package io.edgecoder.portal.ide;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;

/**
 * A streamed HTTP answer that respects the client's pace: while the response's write queue is
 * full, pieces wait here (and a drain handler writes them when the client has read); more than
 * {@code maxQueuedBytes} waiting means the client stopped reading, and {@code overflow} runs once
 * (the caller cancels the model call and closes the connection). Memory per stream stays bounded
 * whatever the model's speed. Event loop only.
 */
final class StreamOut {
    /** Bytes a stream may hold back for a client that does not read. */
    static final long DEFAULT_MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    private final HttpServerResponse response;
    private final long maxQueuedBytes;
    private final Runnable overflow;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private long queued;
    private boolean ending;
    private boolean overflowed;

    StreamOut(HttpServerResponse response, long maxQueuedBytes, Runnable overflow) {
        this.response = response;
        this.maxQueuedBytes = maxQueuedBytes;
        this.overflow = overflow;
    }

    void write(Buffer piece) {
        if (overflowed || ending || response.closed()) {
            return;
        }
        if (queue.isEmpty() && !response.writeQueueFull()) {
            response.write(piece);
            return;
        }
        queue.add(piece);
        queued += piece.length();
        if (queued > maxQueuedBytes) {
            overflowed = true;
            queue.clear();
            overflow.run();
            return;
        }
        response.drainHandler(v -> drain());
    }

    /** Writes {@code last} and ends the response once everything before it has gone out. */
    void end(Buffer last) {
        write(last);
        if (overflowed || response.closed()) {
            return;
        }
        ending = true;
        if (queue.isEmpty()) {
            response.end();
        }
    }

    /** Bytes waiting for the client now. */
    long queuedBytes() {
        return queued;
    }

    private void drain() {
        while (!queue.isEmpty() && !response.writeQueueFull()) {
            Buffer piece = queue.poll();
            queued -= piece.length();
            response.write(piece);
        }
        if (!queue.isEmpty()) {
            response.drainHandler(v -> drain());
        } else if (ending && !response.ended()) {
            response.end();
        }
    }
}
