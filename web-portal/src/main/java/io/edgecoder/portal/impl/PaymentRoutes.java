package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.IntentCreateRequest;
import io.edgecoder.core.message.IntentGetRequest;
import io.edgecoder.core.message.IntentSettleRequest;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.QuoteRequest;
import io.edgecoder.core.message.QuoteView;
import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Buying credits: signed quotes and payment intents, answered by the ledger role. An intent
 * buys credits for the caller's own account ({@code user:<caller>}); a {@code user} in the body
 * is ignored. Settling (the operator confirming a payment) needs an admin caller; a caller who
 * is not an admin sees only their own intents.
 */
public final class PaymentRoutes {
    /** Largest quote, as the ledger bounds it: 10^12 milli-credits. */
    public static final long MAX_CREDITS_MILLI = 1_000_000_000_000L;

    private final BusClient bus;

    public PaymentRoutes(BusClient bus) {
        this.bus = bus;
    }

    /** {@code POST /api/v1/economy/quotes} with {@code {"direction", "creditsMilli"}}. */
    public void quote(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(PaymentRoutes::quoteRequest)
            .compose(request -> bus.request(EconomyAddresses.QUOTE_CREATE, request, QuoteView.class))
            .onSuccess(quote -> HttpJson.send(ctx, 200, EconomyJson.quote(quote)))
            .onFailure(ctx::fail);
    }

    /** {@code POST /api/v1/economy/intents} with {@code {"quote", "provider"}}. */
    public void createIntent(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(PaymentRoutes::intentRequest)
            .compose(request -> bus.request(EconomyAddresses.INTENT_CREATE, request, IntentView.class))
            .onSuccess(intent -> created(ctx, intent))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/economy/intents/:id}. */
    public void getIntent(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> new IntentGetRequest(PathParams.id(c, "id")))
            .compose(request -> bus.request(EconomyAddresses.INTENT_GET, request, IntentView.class))
            .map(intent -> visible(Caller.of(ctx), intent))
            .onSuccess(intent -> HttpJson.send(ctx, 200, EconomyJson.intent(intent)))
            .onFailure(ctx::fail);
    }

    /** {@code POST /api/v1/economy/intents/:id/settle} with {@code {"proof"}}; admin only. */
    public void settleIntent(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(PaymentRoutes::settleRequest)
            .compose(request -> bus.request(EconomyAddresses.INTENT_SETTLE, request, IntentView.class))
            .onSuccess(intent -> HttpJson.send(ctx, 200, EconomyJson.intent(intent)))
            .onFailure(ctx::fail);
    }

    private static QuoteRequest quoteRequest(RoutingContext ctx) {
        JsonNode body = BodyFields.object(ctx);
        String direction = BodyFields.text(body, "direction", true);
        if (!"buy".equals(direction) && !"sell".equals(direction)) {
            throw MeshException.badRequest("direction: must be 'buy' or 'sell'");
        }
        return new QuoteRequest(direction, BodyFields.integer(body, "creditsMilli", 1, MAX_CREDITS_MILLI));
    }

    private static IntentCreateRequest intentRequest(RoutingContext ctx) {
        JsonNode body = BodyFields.object(ctx);
        QuoteView quote = BodyFields.object(body, "quote", QuoteView.class,
            "the quote object returned by POST /api/v1/economy/quotes");
        String provider = BodyFields.text(body, "provider", false);
        return new IntentCreateRequest(Caller.of(ctx).account(), quote, provider);
    }

    private static IntentSettleRequest settleRequest(RoutingContext ctx) {
        if (!Caller.of(ctx).admin()) {
            throw new MeshException(ErrorCode.FORBIDDEN, "only an operator (admin) may settle payment intents");
        }
        String id = PathParams.id(ctx, "id");
        String proof = BodyFields.text(BodyFields.object(ctx), "proof", true);
        if (proof.isBlank()) {
            throw MeshException.badRequest("proof: must not be blank");
        }
        return new IntentSettleRequest(id, proof);
    }

    private static IntentView visible(Caller caller, IntentView intent) {
        if (!caller.admin() && !caller.ledgerAccount().equals(intent.account())) {
            throw MeshException.notFound("no payment intent " + intent.id());
        }
        return intent;
    }

    private static void created(RoutingContext ctx, IntentView intent) {
        ctx.response().putHeader("Location", "/api/v1/economy/intents/" + intent.id());
        HttpJson.send(ctx, 201, EconomyJson.intent(intent));
    }
}
