package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.EnrollReply;
import io.edgecoder.core.message.EnrollRequest;
import io.edgecoder.core.message.EnrollStatusReply;
import io.edgecoder.core.message.EnrollStatusRequest;
import io.edgecoder.core.message.EnrollTokenReply;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeListReply;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.trust.EnrollmentToken;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Enrollment over HTTP, answered by the control role. Admins create tokens and decide about nodes;
 * a new node, which has no token of the API yet, enrolls and polls its status proving its key
 * (those two routes are open and rate-limited). Fields are checked here for shape; the control
 * role checks meaning (token validity, proofs, allowed moves).
 */
public final class EnrollmentRoutes {
    static final int DEFAULT_TTL_MINUTES = 60;
    static final int MAX_TTL_MINUTES = 525_600;

    private final BusClient bus;
    private final Supplier<String> publicUrl;

    public EnrollmentRoutes(BusClient bus, Supplier<String> publicUrl) {
        this.bus = bus;
        this.publicUrl = publicUrl;
    }

    /** {@code POST /api/v1/enrollment/tokens} {@code {org?, roles, ring?, ttlMinutes?}} → 201 with the token, once. */
    public void createToken(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(this::tokenRequest)
            .compose(q -> bus.request(ControlAddresses.TOKEN_CREATE, q, EnrollTokenReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 201, new JsonObject().put("token", reply.token())
                .put("expiresAt", reply.expiresAt().toString()).put("org", reply.org()).put("roles", new JsonArray(reply.roles()))
                .put("ring", reply.ring()).put("command", reply.command())))
            .onFailure(ctx::fail);
    }

    private EnrollTokenRequest tokenRequest(RoutingContext ctx) {
        NodeOwners.Scope scope = NodeOwners.of(ctx, "create enrollment tokens");
        JsonNode body = BodyFields.object(ctx);
        JsonNode ttl = body.get("ttlMinutes");
        int minutes = ttl == null || ttl.isNull() ? DEFAULT_TTL_MINUTES : (int) BodyFields.integer(body, "ttlMinutes", 1, MAX_TTL_MINUTES);
        return new EnrollTokenRequest(BodyFields.text(body, "org", false), texts(body, "roles", true), BodyFields.text(body, "ring", false),
            minutes, scope.actor(), publicUrl.get(), scope.org());
    }

    /** {@code POST /api/v1/enroll} {@code {token, publicKey, proof, roles?, nodeId?}} → 202 pending. */
    public void enroll(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(EnrollmentRoutes::enrollRequest)
            .compose(q -> bus.request(ControlAddresses.NODE_ENROLL, q, EnrollReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 202, new JsonObject().put("nodeId", reply.nodeId()).put("status", reply.status())
                .put("keyFingerprint", reply.keyFingerprint())
                .put("approve", "POST " + publicUrl.get() + "/api/v1/nodes/" + reply.nodeId() + "/approve")))
            .onFailure(ctx::fail);
    }

    private static EnrollRequest enrollRequest(RoutingContext ctx) {
        JsonNode body = BodyFields.object(ctx);
        String token = BodyFields.text(body, "token", true);
        if (token.length() > EnrollmentToken.MAX_LENGTH) {
            throw MeshException.badRequest("token: longer than " + EnrollmentToken.MAX_LENGTH + " characters");
        }
        int slots = body.has("slots") ? (int) BodyFields.integer(body, "slots", 0, 4096) : 0;
        return new EnrollRequest(token, BodyFields.text(body, "publicKey", true), texts(body, "roles", false),
            BodyFields.text(body, "proof", true), BodyFields.text(body, "nodeId", false), slots);
    }

    /** {@code POST /api/v1/enroll/status} {@code {nodeId, time, proof}} → pending | rejected | revoked | approved with certificates. */
    public void status(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> {
                JsonNode body = BodyFields.object(c);
                return new EnrollStatusRequest(BodyFields.text(body, "nodeId", true), BodyFields.integer(body, "time", 0, Long.MAX_VALUE),
                    BodyFields.text(body, "proof", true));
            })
            .compose(q -> bus.request(ControlAddresses.NODE_STATUS, q, EnrollStatusReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 200, new JsonObject().put("nodeId", reply.nodeId()).put("status", reply.status())
                .put("reason", reply.reason()).put("certificate", reply.certificate()).put("tlsCertificate", reply.tlsCertificate())
                .put("caCertificates", reply.caCertificates())))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/nodes?status=pending}. */
    public void list(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> {
                NodeOwners.Scope scope = NodeOwners.of(c, "list nodes");
                return new NodeListRequest(QueryParams.single(c, "status"), scope.org());
            })
            .compose(q -> bus.request(ControlAddresses.NODE_LIST, q, NodeListReply.class))
            .onSuccess(reply -> {
                JsonArray nodes = new JsonArray();
                reply.nodes().forEach(n -> nodes.add(node(n)));
                HttpJson.send(ctx, 200, new JsonObject().put("nodes", nodes));
            })
            .onFailure(ctx::fail);
    }

    /** {@code POST /api/v1/nodes/:id/approve} {@code {reason?}}. */
    public void approve(RoutingContext ctx) {
        decide(ctx, ControlAddresses.NODE_APPROVE, "approve nodes");
    }

    /** {@code POST /api/v1/nodes/:id/reject} {@code {reason?}}. */
    public void reject(RoutingContext ctx) {
        decide(ctx, ControlAddresses.NODE_REJECT, "reject nodes");
    }

    /** {@code POST /api/v1/nodes/:id/revoke} {@code {reason?}}. */
    public void revoke(RoutingContext ctx) {
        decide(ctx, ControlAddresses.NODE_REVOKE, "revoke nodes");
    }

    private void decide(RoutingContext ctx, String address, String what) {
        Future.succeededFuture(ctx)
            .map(c -> {
                NodeOwners.Scope scope = NodeOwners.of(c, what);
                String id = PathParams.id(c, "id");
                String reason = LimitedBody.of(c).length() == 0 ? null : BodyFields.text(BodyFields.object(c), "reason", false);
                return new NodeDecisionRequest(id, scope.actor(), reason, scope.org());
            })
            .compose(q -> bus.request(address, q, NodeView.class))
            .onSuccess(node -> HttpJson.send(ctx, 200, node(node)))
            .onFailure(ctx::fail);
    }

    static JsonObject node(NodeView n) {
        JsonObject json = Json.toJson(n);
        for (String field : List.of("decidedBy", "decidedAt", "reason", "certSerial", "certExpiresAt")) {
            if (!json.containsKey(field)) {
                json.putNull(field);
            }
        }
        return json;
    }

    private static List<String> texts(JsonNode body, String name, boolean required) {
        JsonNode node = BodyFields.typed(body, name, required, JsonNode::isArray, "a list of strings");
        if (node == null) {
            return null;
        }
        if (node.size() > 16) {
            throw MeshException.badRequest(name + ": at most 16 entries");
        }
        List<String> out = new ArrayList<>();
        node.forEach(item -> {
            if (!item.isTextual()) {
                throw MeshException.badRequest(name + ": must be a list of strings, got " + BodyFields.kind(item) + " in it");
            }
            out.add(item.textValue());
        });
        return out;
    }
}
