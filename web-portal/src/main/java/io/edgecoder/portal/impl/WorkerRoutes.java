package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /api/v1/workers}: the coordinator's capacity table, with each worker's reputation and
 * the models its node serves (asked of the inference role; a mesh without one lists none).
 */
public final class WorkerRoutes {
    private static final Duration MODELS_WAIT = Duration.ofSeconds(2);

    private final BusClient bus;

    public WorkerRoutes(BusClient bus) {
        this.bus = bus;
    }

    public void list(RoutingContext ctx) {
        Future<List<ModelInfo>> models = models(ctx);
        bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)
            .compose(reply -> models.map(list -> ApiJson.workers(reply, list)))
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }

    private Future<List<ModelInfo>> models(RoutingContext ctx) {
        return bus.request(InferenceAddresses.MODELS, new ModelListRequest(Actors.of(ctx), null, false, true), ModelListReply.class,
                MODELS_WAIT)
            .map(reply -> reply.models() == null ? List.<ModelInfo>of() : reply.models())
            .otherwise(List.of());
    }
}
