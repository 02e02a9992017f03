package io.edgecoder.inference.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The {@link ChatChunk}s of one call to its reader's address, in order, one in flight at a time:
 * pieces that arrive while a chunk awaits its acknowledgement go together in the next one. A
 * reader whose address is not known yet (a fresh registration still spreading through the
 * cluster) is waited for up to {@code grace}; a reader that was there and is gone, or refuses a
 * chunk, stops the call ({@code onGone}). A reader on this node (an IDE endpoint beside the
 * inference role) is reached local-only, without a signature (nothing leaves the node); the first
 * chunk finds out: when no consumer of the address is on this node, this chunk and the rest go
 * through the cluster, signed. Runs on one event loop.
 */
final class ChunkStream implements Consumer<String> {
    private static final long RETRY_MILLIS = 20;

    private final Vertx vertx;
    private final BusClient bus;
    private final String requestId;
    private final String address;
    private final Duration ack;
    private final Duration grace;
    private final StringBuilder pending = new StringBuilder();
    private final Promise<Void> flushed = Promise.promise();
    private Runnable onGone = () -> { };
    private ChatChunk last;
    private long seq;
    private boolean inFlight;
    private boolean acknowledged;
    private boolean gone;
    private boolean doneSent;
    private boolean local = true;

    ChunkStream(Vertx vertx, BusClient bus, String requestId, String address, Duration ack, Duration grace) {
        this.vertx = vertx;
        this.bus = bus;
        this.requestId = requestId;
        this.address = address;
        this.ack = ack;
        this.grace = grace;
    }

    void onGone(Runnable action) {
        this.onGone = action;
    }

    @Override
    public void accept(String delta) {
        if (gone) {
            return;
        }
        pending.append(delta);
        pump();
    }

    /** Ends the stream with the reply or the failure; completes when the last chunk was taken (or the reader is gone). */
    Future<Void> finish(ChatReply reply, MeshException failure) {
        if (gone || last != null) {
            return flushed.future();
        }
        last = failure == null ? new ChatChunk(requestId, -1, "", true, reply, null, null)
            : new ChatChunk(requestId, -1, "", true, null, failure.code().status(), failure.getMessage());
        pump();
        return flushed.future();
    }

    private void pump() {
        if (inFlight || gone) {
            return;
        }
        ChatChunk next;
        if (pending.length() > 0) {
            next = new ChatChunk(requestId, seq++, pending.toString(), false, null, null, null);
            pending.setLength(0);
        } else if (last != null && !doneSent) {
            next = new ChatChunk(requestId, seq++, last.delta(), true, last.reply(), last.errorCode(), last.errorMessage());
            doneSent = true;
        } else {
            return;
        }
        inFlight = true;
        send(next, System.nanoTime());
    }

    private void send(ChatChunk chunk, long since) {
        Future<Void> delivered = local ? bus.deliverLocal(address, chunk, ack) : bus.deliver(address, chunk, ack);
        delivered.onComplete(ar -> {
            if (ar.succeeded()) {
                acknowledged = true;
                inFlight = false;
                if (chunk.done()) {
                    flushed.tryComplete();
                }
                pump();
                return;
            }
            MeshException failure = BusClient.toMesh(ar.cause());
            if (failure.noHandler() && local && !acknowledged) {
                local = false; // the reader is not on this node
                send(chunk, since);
                return;
            }
            if (failure.noHandler() && !acknowledged && System.nanoTime() - since < grace.toNanos()) {
                vertx.setTimer(RETRY_MILLIS, t -> send(chunk, since));
                return;
            }
            gone = true;
            inFlight = false;
            flushed.tryComplete();
            onGone.run();
        });
    }
}
