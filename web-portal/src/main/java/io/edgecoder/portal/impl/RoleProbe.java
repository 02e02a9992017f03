package io.edgecoder.portal.impl;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.Json;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/**
 * Asks one role of this node for its health on {@link NodeAddresses#roleHealth}. This is the
 * one place the portal uses the raw event bus instead of {@code BusClient}: health must tell a
 * role that is not deployed here (no handler: {@code absent}) from one that does not answer in
 * time ({@code down}), a difference the typed client folds into one 503.
 */
public final class RoleProbe {
    private final Vertx vertx;
    private final Duration timeout;

    public RoleProbe(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    /** The state of one role; never fails. */
    public Future<RoleState> probe(Role role) {
        DeliveryOptions options = new DeliveryOptions().setLocalOnly(true).setSendTimeout(Math.max(1, timeout.toMillis()));
        return vertx.eventBus()
            .<JsonObject>request(NodeAddresses.roleHealth(role), Json.toJson(new HealthRequest()), options)
            .map(RoleProbe::fromReply)
            .otherwise(RoleProbe::fromFailure);
    }

    private static RoleState fromReply(Message<JsonObject> reply) {
        RoleHealth health = Json.fromJson(reply.body(), RoleHealth.class);
        Map<String, String> details = health.details() == null ? Map.of() : health.details();
        return new RoleState(RoleState.UP.equals(health.status()) ? RoleState.UP : RoleState.DOWN, details);
    }

    private static RoleState fromFailure(Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return RoleState.absent();
        }
        return new RoleState(RoleState.DOWN, Map.of());
    }

    /**
     * What a probe found.
     *
     * @param status up | down | absent
     * @param details the role's own details (e.g. {@code database}), empty when unknown
     */
    public record RoleState(String status, Map<String, String> details) {
        public static final String UP = HealthStatus.UP.wire();
        public static final String DOWN = HealthStatus.DOWN.wire();
        public static final String ABSENT = "absent";

        public RoleState {
            details = Map.copyOf(details);
        }

        static RoleState absent() {
            return new RoleState(ABSENT, Map.of());
        }
    }
}
