package io.edgecoder.core.message;

import java.util.Map;

/**
 * A role's health: {@code up} or {@code down}, and details such as {@code database}.
 */
public record RoleHealth(String role, String status, Map<String, String> details) {
}
