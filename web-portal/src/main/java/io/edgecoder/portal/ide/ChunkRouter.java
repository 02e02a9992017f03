package io.edgecoder.portal.ide;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.message.ChatChunk;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The one chunk address of an IDE endpoint instance ({@link PortalAddresses#ideStream}): every
 * streamed call names it as {@code streamTo}, and chunks are handed to the call by request id, in
 * {@code seq} order (a chunk that arrives early waits for the ones before it). One cluster-wide
 * consumer registered at start, so a call costs no registration in the cluster's subscription map.
 * Used on the endpoint's event loop only.
 */
final class ChunkRouter {
    /** Chunks held back waiting for an earlier one; beyond this the stream is given up as broken. */
    static final int MAX_EARLY = 1024;

    /** Receives one call's chunks in order. */
    interface Listener {
        void chunk(ChatChunk chunk);

        void broken(MeshException failure);
    }

    private final String address = PortalAddresses.ideStream(UUID.randomUUID().toString());
    private final Map<String, Stream> streams = new HashMap<>();
    private MessageConsumer<JsonObject> consumer;

    String address() {
        return address;
    }

    Future<Void> start(BusClient bus) {
        return bus.consumer(address, ChatChunk.class, this::arrived).onSuccess(c -> consumer = c).mapEmpty();
    }

    Future<Void> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    void register(String requestId, Listener listener) {
        streams.put(requestId, new Stream(listener));
    }

    void remove(String requestId) {
        streams.remove(requestId);
    }

    /** Calls being streamed now. */
    int size() {
        return streams.size();
    }

    private Future<Void> arrived(ChatChunk chunk) {
        Stream stream = chunk == null || chunk.requestId() == null ? null : streams.get(chunk.requestId());
        if (stream != null) {
            stream.offer(chunk);
        }
        return Future.succeededFuture();
    }

    private static final class Stream {
        private final Listener listener;
        private final TreeMap<Long, ChatChunk> early = new TreeMap<>();
        private long next;

        Stream(Listener listener) {
            this.listener = listener;
        }

        void offer(ChatChunk chunk) {
            if (chunk.seq() < next) {
                return;
            }
            if (chunk.seq() > next) {
                early.put(chunk.seq(), chunk);
                if (early.size() > MAX_EARLY) {
                    listener.broken(new MeshException(ErrorCode.UNAVAILABLE, "the model's stream lost a piece; retry"));
                }
                return;
            }
            deliver(chunk);
            while (!early.isEmpty() && early.firstKey() == next) {
                deliver(early.pollFirstEntry().getValue());
            }
        }

        private void deliver(ChatChunk chunk) {
            next = chunk.seq() + 1;
            listener.chunk(chunk);
        }
    }
}
