package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.IssuanceListReply;
import io.edgecoder.core.message.IssuanceListRequest;
import io.edgecoder.core.message.IssuanceWindowView;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.PriceRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Economy read routes, answered by the ledger role: the CPU-second price and issuance windows. */
public final class EconomyRoutes {
    /** Largest issuance page; the ledger's own bound. */
    public static final int MAX_ISSUANCE_LIMIT = 1000;
    /** Page size when {@code limit} is absent. */
    public static final int DEFAULT_ISSUANCE_LIMIT = 50;

    private final BusClient bus;

    public EconomyRoutes(BusClient bus) {
        this.bus = bus;
    }

    /** {@code GET /api/v1/economy/price}. */
    public void price(RoutingContext ctx) {
        bus.request(EconomyAddresses.PRICE_GET, new PriceRequest(), PriceReply.class)
            .onSuccess(reply -> HttpJson.send(ctx, 200, EconomyJson.price(reply)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/economy/issuance/current}: the newest window, or null before the first. */
    public void currentIssuance(RoutingContext ctx) {
        bus.request(EconomyAddresses.ISSUANCE_LIST, new IssuanceListRequest(1, null), IssuanceListReply.class)
            .map(reply -> windows(reply).stream().findFirst().map(EconomyJson::window).orElse(null))
            .onSuccess(window -> HttpJson.send(ctx, 200, new JsonObject().put("window", window)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/economy/issuance/history?limit=&before=}: newest first. */
    public void issuanceHistory(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(EconomyRoutes::issuanceRequest)
            .compose(request -> bus.request(EconomyAddresses.ISSUANCE_LIST, request, IssuanceListReply.class)
                .map(reply -> page(request, windows(reply))))
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }

    private static IssuanceListRequest issuanceRequest(RoutingContext ctx) {
        Integer limit = QueryParams.limit(ctx, MAX_ISSUANCE_LIMIT);
        return new IssuanceListRequest(limit == null ? DEFAULT_ISSUANCE_LIMIT : limit, QueryParams.instant(ctx, "before"));
    }

    /** A full page may have a next one: windows ending before the last window's end. */
    private static JsonObject page(IssuanceListRequest request, List<IssuanceWindowView> windows) {
        boolean full = windows.size() >= request.limit();
        String next = full && !windows.isEmpty() ? EconomyJson.iso(windows.get(windows.size() - 1).end()) : null;
        return EconomyJson.windows(windows, next);
    }

    private static List<IssuanceWindowView> windows(IssuanceListReply reply) {
        return reply.windows() == null ? List.of() : reply.windows();
    }
}
