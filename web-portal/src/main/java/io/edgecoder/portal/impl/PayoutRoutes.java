package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Reauthentication;
import io.edgecoder.portal.wallet.PayoutService;
import io.edgecoder.portal.wallet.PgPayouts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code GET | PUT | DELETE /api/v1/me/payout}: the signed-in person's payout destination
 * ({@link PayoutService}). Changes need {@code currentPassword} in the body, or a sign-in less than
 * ten minutes old ({@link Reauthentication}). The admin token is no
 * account and has no destination (403).
 */
public final class PayoutRoutes {
    private final PayoutService payouts;

    public PayoutRoutes(PayoutService payouts) {
        this.payouts = payouts;
    }

    /** {@code GET /api/v1/me/payout} → {@code {"payout": {...} | null, "network": "bc"}}. */
    public void get(RoutingContext ctx) {
        Future.succeededFuture(ctx).map(PayoutRoutes::account)
            .compose(payouts::get)
            .onSuccess(stored -> HttpJson.send(ctx, 200, answer(stored)))
            .onFailure(ctx::fail);
    }

    /** {@code PUT /api/v1/me/payout} {@code {kind?, address, currentPassword}} → 200 with the destination. */
    public void set(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .compose(c -> {
                JsonNode body = BodyFields.object(c);
                return payouts.set(c, account(c), BodyFields.text(body, "kind", false), BodyFields.text(body, "address", true),
                    password(body));
            })
            .onSuccess(stored -> HttpJson.send(ctx, 200, answer(Optional.of(stored))))
            .onFailure(ctx::fail);
    }

    /** {@code DELETE /api/v1/me/payout} {@code {currentPassword}} → 200 with the removed destination. */
    public void remove(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .compose(c -> payouts.remove(c, account(c), Reauthentication.passwordField(c)))
            .onSuccess(removed -> HttpJson.send(ctx, 200, answer(Optional.empty()).put("removed", view(removed))))
            .onFailure(ctx::fail);
    }

    private static String account(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (Caller.VIA_ADMIN_TOKEN.equals(caller.via())) {
            throw new MeshException(ErrorCode.FORBIDDEN, "payout destinations belong to accounts; the admin token has none");
        }
        return caller.account();
    }

    private static String password(JsonNode body) {
        return BodyFields.text(body, "currentPassword", false);
    }

    private JsonObject answer(Optional<PgPayouts.Stored> stored) {
        return new JsonObject().put("payout", stored.map(PayoutRoutes::view).orElse(null))
            .put("network", payouts.network().hrp());
    }

    private static JsonObject view(PgPayouts.Stored s) {
        return new JsonObject().put("kind", s.destination().kind()).put("address", s.destination().address())
            .put("network", s.network()).put("updatedAt", s.updatedAt().toString());
    }
}
