package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.AnchorListReply;
import io.edgecoder.core.message.AnchorListRequest;
import io.edgecoder.core.message.AnchorProveRequest;
import io.edgecoder.core.message.AnchorSubmitRequest;
import io.edgecoder.core.message.AnchorView;
import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;

/**
 * Anchors of ledger checkpoints at external timestamping services (OpenTimestamps on Bitcoin,
 * for example), answered by the ledger role. Recording a submission or a proof needs an admin
 * caller; anyone authenticated may list them. Input is checked here as the ledger checks it, so
 * a bad request never reaches the bus.
 */
public final class AnchorRoutes {
    /** The route recording a proof; mounted ahead of the default body limit, as a proof may be 64 KiB. */
    public static final String PROVE_PATH = "/api/v1/ledger/checkpoints/:id/anchors/:service";

    private final BusClient bus;

    public AnchorRoutes(BusClient bus) {
        this.bus = bus;
    }

    /** {@code POST /api/v1/ledger/checkpoints/:id/anchors} with {@code {"service"}}; admin only; 201. */
    public void submit(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(AnchorRoutes::submitRequest)
            .compose(request -> bus.request(EconomyAddresses.ANCHOR_SUBMIT, request, AnchorView.class))
            .onSuccess(anchor -> created(ctx, anchor))
            .onFailure(ctx::fail);
    }

    /**
     * {@code PUT /api/v1/ledger/checkpoints/:id/anchors/:service} with {@code {"proof"}} (base64); admin only.
     * The body may reach 96 KiB, so it is parsed with {@link LimitedBody#parse}.
     */
    public void prove(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .compose(AnchorRoutes::proveRequest)
            .compose(request -> bus.request(EconomyAddresses.ANCHOR_PROVE, request, AnchorView.class))
            .onSuccess(anchor -> HttpJson.send(ctx, 200, EconomyJson.anchor(anchor)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/anchors?checkpoint=}. */
    public void list(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> new AnchorListRequest(QueryParams.number(c, "checkpoint", 1, Long.MAX_VALUE)))
            .compose(request -> bus.request(EconomyAddresses.ANCHOR_LIST, request, AnchorListReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 200, EconomyJson.anchors(reply.anchors())))
            .onFailure(ctx::fail);
    }

    private static AnchorSubmitRequest submitRequest(RoutingContext ctx) {
        requireAdmin(ctx);
        long checkpoint = checkpointId(ctx);
        return new AnchorSubmitRequest(checkpoint, service(BodyFields.text(BodyFields.object(ctx), "service", true)));
    }

    private static Future<AnchorProveRequest> proveRequest(RoutingContext ctx) {
        requireAdmin(ctx);
        long checkpoint = checkpointId(ctx);
        String service = service(ctx.pathParam("service"));
        return LimitedBody.parse(ctx, body -> new AnchorProveRequest(checkpoint, service,
            checkedProof(BodyFields.text(BodyFields.object(body), "proof", true))));
    }

    private static void requireAdmin(RoutingContext ctx) {
        if (!Caller.of(ctx).admin()) {
            throw new MeshException(ErrorCode.FORBIDDEN, "only an operator (admin) may record anchors");
        }
    }

    private static long checkpointId(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        if (raw != null && raw.matches("[0-9]{1,18}") && Long.parseLong(raw) >= 1) {
            return Long.parseLong(raw);
        }
        throw MeshException.badRequest("id: must be a checkpoint id, an integer within 1.." + Long.MAX_VALUE);
    }

    private static String service(String service) {
        if (!AnchorView.validService(service)) {
            throw MeshException.badRequest("service: " + AnchorView.SERVICE_RULE);
        }
        return service;
    }

    private static String checkedProof(String proof) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(proof);
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("proof: must be base64 (RFC 4648, with padding)");
        }
        if (decoded.length == 0 || decoded.length > AnchorView.MAX_PROOF_BYTES) {
            throw MeshException.badRequest("proof: must decode to 1.." + AnchorView.MAX_PROOF_BYTES + " bytes");
        }
        return proof;
    }

    private static void created(RoutingContext ctx, AnchorView anchor) {
        ctx.response().putHeader("Location", "/api/v1/ledger/checkpoints/" + anchor.checkpointId() + "/anchors/"
            + anchor.service());
        HttpJson.send(ctx, 201, EconomyJson.anchor(anchor));
    }
}
