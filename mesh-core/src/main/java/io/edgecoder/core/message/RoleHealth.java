package io.edgecoder.core.message;

import io.edgecoder.core.HealthStatus;
import java.util.Map;

/**
 * A role's health: {@code status} is a {@link HealthStatus} wire name ({@code up} or
 * {@code down}), and details such as {@code database}.
 */
public record RoleHealth(String role, String status, Map<String, String> details) {

    /** A report with a typed status. */
    public RoleHealth(String role, HealthStatus status, Map<String, String> details) {
        this(role, status.wire(), details);
    }

    /** {@link #status()} as a {@link HealthStatus}; an unknown name fails. */
    public HealthStatus health() {
        return HealthStatus.of(status);
    }
}
