package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.TreeMap;

/** Ledger read routes: balances and chain verification, answered by the ledger role. */
public final class LedgerRoutes {
    private final BusClient bus;

    public LedgerRoutes(BusClient bus) {
        this.bus = bus;
    }

    /** {@code GET /api/v1/ledger/balances}. */
    public void balances(RoutingContext ctx) {
        bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)
            .map(LedgerRoutes::balancesJson)
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/verify}. */
    public void verify(RoutingContext ctx) {
        bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class)
            .map(ApiJson::verify)
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }

    private static JsonObject balancesJson(BalancesReply reply) {
        Map<String, Long> sorted = reply.balances() == null ? Map.of() : new TreeMap<>(reply.balances());
        JsonObject balances = new JsonObject();
        sorted.forEach(balances::put);
        return new JsonObject().put("balances", balances);
    }
}
