package io.edgecoder.portal;

import io.edgecoder.core.BusClient;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Plays another role on the bus and keeps every request it is asked, in arrival order, so a test
 * can check what the portal forwarded (or that it forwarded nothing) besides what it answered.
 */
final class RecordingConsumer {
    private RecordingConsumer() {
    }

    /**
     * Registers a cluster-wide consumer on {@code address} that records each request, then
     * answers with {@code answer}'s Future; returns the live, thread-safe list of requests.
     */
    static <Q> List<Q> on(BusClient bus, String address, Class<Q> type, Function<Q, Future<?>> answer) {
        List<Q> asked = new CopyOnWriteArrayList<>();
        PortalHarness.await(bus.consumer(address, type, request -> {
            asked.add(request);
            return answer.apply(request);
        }));
        return asked;
    }
}
