package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/workers}: the coordinator's capacity table. */
public final class WorkerRoutes {
    private final BusClient bus;

    public WorkerRoutes(BusClient bus) {
        this.bus = bus;
    }

    public void list(RoutingContext ctx) {
        bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)
            .map(ApiJson::workers)
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }
}
