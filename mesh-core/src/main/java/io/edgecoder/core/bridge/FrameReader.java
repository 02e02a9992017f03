package io.edgecoder.core.bridge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Reads bridge frames from a byte stream: a 4-byte big-endian length, then that many bytes of
 * UTF-8 JSON. A length above the bound (or below 2) is fatal, because the stream cannot be
 * trusted past it: the reader stops and the connection should be closed. A frame that is not a
 * valid JSON frame is reported and skipped; the next one is read. Never buffers more than one
 * frame plus one chunk. Not thread-safe: feed it from the connection's context.
 */
public final class FrameReader {
    /** Bound of a frame in either direction unless configured: room for a 2 MiB job escaped as JSON. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
    private static final int HEADER = 4;

    /** What the reader reports about bytes that are not a frame. */
    public interface Errors {
        /** A frame that was skipped; reading goes on. */
        void malformed(String reason);

        /** The stream is unusable from here on; nothing more is read. */
        void fatal(String reason);
    }

    private final int maxBytes;
    private final Handler<Frame> frames;
    private final Errors errors;
    private Buffer pending = Buffer.buffer();
    private boolean broken;

    public FrameReader(int maxBytes, Handler<Frame> frames, Errors errors) {
        if (maxBytes < 16) {
            throw new IllegalArgumentException("frame bound must be at least 16 bytes");
        }
        this.maxBytes = maxBytes;
        this.frames = frames;
        this.errors = errors;
    }

    /** Encodes {@code frame}; fails when it is larger than {@code maxBytes}. */
    public static Buffer encode(Frame frame, int maxBytes) {
        byte[] json = frame.toJson().encode().getBytes(StandardCharsets.UTF_8);
        if (json.length > maxBytes) {
            throw new IllegalArgumentException("frame of " + json.length + " bytes exceeds the bound of " + maxBytes);
        }
        return Buffer.buffer(HEADER + json.length).appendInt(json.length).appendBytes(json);
    }

    /** Feeds the next chunk of the stream. */
    public void handle(Buffer chunk) {
        if (broken) {
            return;
        }
        pending.appendBuffer(chunk);
        int start = 0;
        while (!broken && pending.length() - start >= HEADER) {
            int length = pending.getInt(start);
            if (length < 2 || length > maxBytes) {
                broken = true;
                pending = Buffer.buffer();
                errors.fatal("frame length " + Integer.toUnsignedLong(length) + " is outside 2.." + maxBytes);
                return;
            }
            if (pending.length() - start < HEADER + length) {
                break;
            }
            String text = pending.getString(start + HEADER, start + HEADER + length, StandardCharsets.UTF_8.name());
            start += HEADER + length;
            deliver(text);
        }
        if (!broken && start > 0) {
            pending = pending.getBuffer(start, pending.length());
        }
    }

    private void deliver(String text) {
        Frame frame;
        try {
            frame = Frame.fromJson(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            errors.malformed("frame is not a JSON object");
            return;
        } catch (IllegalArgumentException e) {
            errors.malformed(e.getMessage());
            return;
        }
        frames.handle(frame);
    }

    /** Stops reading: frames still buffered or arriving later are dropped (the connection is closing). */
    public void stop() {
        broken = true;
        pending = Buffer.buffer();
    }

    /** Bytes held for an incomplete frame. */
    public int buffered() {
        return pending.length();
    }
}
