package io.edgecoder.portal.bridge;

import io.edgecoder.core.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/** The bridge's meters: connections held, frames in and out, refusals by reason. */
final class BridgeMeters {
    private final MeterRegistry registry;
    private final Counter in;
    private final Counter out;

    BridgeMeters(MeterRegistry registry, Map<String, ?> connections) {
        this.registry = registry;
        Gauge.builder(MeterNames.BRIDGE_CONNECTIONS, connections, Map::size).register(registry);
        in = Counter.builder(MeterNames.BRIDGE_FRAMES).tag("direction", "in").register(registry);
        out = Counter.builder(MeterNames.BRIDGE_FRAMES).tag("direction", "out").register(registry);
    }

    void frameIn() {
        in.increment();
    }

    void frameOut() {
        out.increment();
    }

    /** {@code reason}: one of a few fixed words (certificate, limit, address, identity, type, reply, frame, abuse). */
    void refused(String reason) {
        registry.counter(MeterNames.BRIDGE_REFUSALS, "reason", reason).increment();
    }
}
