package io.edgecoder.portal.impl;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.Role;
import io.edgecoder.portal.impl.RoleProbe.RoleState;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The node's health as {@code GET /health} reports it. The node is {@code up} when every role
 * deployed here answered {@code up} and no role reports its database {@code down}; otherwise it
 * is {@code degraded}. The database is {@code up} when some role reports it up and none down,
 * {@code absent} when no role here uses one.
 */
public record HealthReport(String node, Map<Role, RoleState> roles) {
    public static final String DETAIL_DATABASE = "database";

    public HealthReport {
        roles = Map.copyOf(roles);
    }

    public boolean healthy() {
        boolean rolesUp = roles.values().stream()
            .allMatch(s -> s.status().equals(RoleState.UP) || s.status().equals(RoleState.ABSENT));
        return rolesUp && !database().equals(RoleState.DOWN);
    }

    public int httpStatus() {
        return healthy() ? 200 : 503;
    }

    /** up | down | absent, from the roles' {@code database} details. */
    public String database() {
        boolean anyUp = false;
        for (RoleState state : roles.values()) {
            String db = state.details().get(DETAIL_DATABASE);
            if (RoleState.DOWN.equals(db)) {
                return RoleState.DOWN;
            }
            anyUp |= RoleState.UP.equals(db);
        }
        return anyUp ? RoleState.UP : RoleState.ABSENT;
    }

    public JsonObject toJson() {
        JsonObject roleJson = new JsonObject();
        for (Role role : Role.values()) {
            RoleState state = roles.get(role);
            roleJson.put(role.id(), state == null ? RoleState.ABSENT : state.status());
        }
        return new JsonObject()
            .put("status", (healthy() ? HealthStatus.UP : HealthStatus.DEGRADED).wire())
            .put("node", node)
            .put("roles", roleJson)
            .put(DETAIL_DATABASE, database());
    }
}
