package io.edgecoder.inference.app;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.inference.impl.DeterministicPlanner;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the inference role. Model providers are not built yet: every plan comes from the
 * {@link DeterministicPlanner}, and the health report says so.
 */
public final class InferenceVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceVerticle.class);

    private final Duration busTimeout;

    public InferenceVerticle(Duration busTimeout) {
        this.busTimeout = busTimeout;
    }

    @Override
    public Future<?> start() {
        BusClient bus = new BusClient(vertx, busTimeout);
        DeterministicPlanner planner = new DeterministicPlanner();
        return Future.all(List.of(
                bus.consumer(InferenceAddresses.PLAN_CREATE, PlanRequest.class, r -> Future.succeededFuture(planner.plan(r))),
                bus.localConsumer(NodeAddresses.roleHealth(Role.INFERENCE), HealthRequest.class,
                    r -> Future.succeededFuture(new RoleHealth(Role.INFERENCE.id(), HealthStatus.UP, Map.of("planner", DeterministicPlanner.NAME))))))
            .onSuccess(v -> LOG.info("inference ready (planner {}, no model configured)", DeterministicPlanner.NAME));
    }
}
