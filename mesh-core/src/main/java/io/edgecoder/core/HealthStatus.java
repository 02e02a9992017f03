package io.edgecoder.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Health of a role, a dependency (such as its database) or a whole node: {@code up},
 * {@code down}, or, for a node some of whose roles are down, {@code degraded}. The wire name
 * is what {@code RoleHealth.status}, its details and {@code GET /health} carry.
 */
public enum HealthStatus {
    UP, DOWN, DEGRADED;

    /** The lower-case name used on the wire. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@link #UP} when {@code up}, else {@link #DOWN}. */
    public static HealthStatus of(boolean up) {
        return up ? UP : DOWN;
    }

    /** Parses a wire name; an unknown one fails naming the known ones. */
    @JsonCreator
    public static HealthStatus of(String wire) {
        return WireNames.parse(HealthStatus.class, "health status", wire);
    }
}
