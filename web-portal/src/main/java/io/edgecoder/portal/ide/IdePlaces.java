package io.edgecoder.portal.ide;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat calls a node's IDE endpoint holds at once, shared by all its instances (each on its own
 * event loop, so the count is atomic): a call takes a place before it starts and gives it back
 * when it ends; beyond {@code ide.max.in.flight} a call is refused (429). Gauge
 * {@value IdeMeters#IN_FLIGHT}.
 */
final class IdePlaces {
    private final int max;
    private final AtomicInteger held = new AtomicInteger();

    private IdePlaces(int max) {
        this.max = max;
    }

    /** The places of one endpoint (all its instances), with the gauge registered in {@code meters}. */
    static IdePlaces registered(int max, MeterRegistry meters) {
        IdePlaces places = new IdePlaces(max);
        Gauge.builder(IdeMeters.IN_FLIGHT, places, IdePlaces::held).register(meters);
        return places;
    }

    /** Takes a place; false when all are held. */
    boolean acquire() {
        while (true) {
            int now = held.get();
            if (now >= max) {
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        held.decrementAndGet();
    }

    int held() {
        return held.get();
    }
}
