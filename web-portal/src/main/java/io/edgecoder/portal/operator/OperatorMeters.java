package io.edgecoder.portal.operator;

import io.edgecoder.core.MeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The operator bridge's counters: requests by outcome, refusals by reason (auth failures among them). */
final class OperatorMeters {
    private final MeterRegistry registry;
    private final AtomicLong authFailures = new AtomicLong();

    OperatorMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code outcome}: ok, failed (the role answered with an error) or refused (by the bridge). */
    void request(String outcome) {
        registry.counter(MeterNames.OPERATOR_REQUESTS, "outcome", outcome).increment();
    }

    /** {@code reason}: one of a few fixed words (auth, address, frame, size, limit, abuse). */
    void refused(String reason) {
        if ("auth".equals(reason)) {
            authFailures.incrementAndGet();
        }
        registry.counter(MeterNames.OPERATOR_REFUSALS, "reason", reason).increment();
    }

    long authFailures() {
        return authFailures.get();
    }
}
