package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
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
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Enrollment over HTTP: admin routes need the token, the node's own routes are open but bounded; bodies checked field by field. */
class EnrollmentRoutesIT {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final String NODE = "n0123456789abcdef";
    private static final NodeView PENDING = new NodeView(NODE, "a2V5", "f".repeat(64), "acme", List.of("worker"), "core", "pending",
        AT, null, null, null, null, null);

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    private HttpResponse<Buffer> open(String path, JsonObject body) {
        return PortalHarness.await(portal.anonymous(HttpMethod.POST, path).sendJsonObject(body));
    }

    @Test
    void anAdminCreatesATokenForThisPortalsUrlAndSeesItOnce() {
        List<EnrollTokenRequest> asked = portal.record(ControlAddresses.TOKEN_CREATE, EnrollTokenRequest.class,
            q -> Future.succeededFuture(new EnrollTokenReply("ect1.abc", AT, "acme", q.roles(), "core", "edgecoder up --enroll ect1.abc")));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/enrollment/tokens", new JsonObject().put("roles", new JsonArray().add("worker")));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        assertThat(asked).containsExactly(new EnrollTokenRequest(null, List.of("worker"), null, 60, "admin",
            "http://127.0.0.1:" + portal.port()));
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("token", "ect1.abc").put("expiresAt", AT.toString())
            .put("org", "acme").put("roles", new JsonArray().add("worker")).put("ring", "core")
            .put("command", "edgecoder up --enroll ect1.abc"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|roles: required",
        "{\"roles\": \"worker\"}|roles: must be a list of strings, got a string",
        "{\"roles\": [\"worker\", 3]}|roles: must be a list of strings, got a number in it",
        "{\"roles\": [\"worker\"], \"ttlMinutes\": 0}|ttlMinutes: must be within 1..525600, got 0",
        "{\"roles\": [\"worker\"], \"ring\": 5}|ring: must be a string, got a number",
    })
    void badTokenBodiesAre400AndNothingIsForwarded(String body, String message) {
        List<EnrollTokenRequest> asked = portal.record(ControlAddresses.TOKEN_CREATE, EnrollTokenRequest.class,
            q -> Future.failedFuture(new IllegalStateException("must not be asked")));

        assertError(portal.postText("/api/v1/enrollment/tokens", body), 400, "bad_request", message);
        assertThat(asked).isEmpty();
    }

    @Test
    void adminRoutesNeedTheTokenAndTheControlRolesRefusalsKeepTheirCode() {
        List<Object> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        portal.serve(ControlAddresses.NODE_APPROVE, NodeDecisionRequest.class, q -> {
            asked.add(q);
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "node " + NODE + " is approved; only a node that is"
                + " pending can be approved"));
        });

        HttpResponse<Buffer> anonymous = open("/api/v1/nodes/" + NODE + "/approve", new JsonObject());
        HttpResponse<Buffer> tokenless = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/enrollment/tokens")
            .sendJsonObject(new JsonObject().put("roles", new JsonArray().add("worker"))));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(tokenless.statusCode()).isEqualTo(401);
        assertThat(asked).isEmpty();
        assertError(portal.postJson("/api/v1/nodes/" + NODE + "/approve", new JsonObject()), 409, "conflict",
            "node " + NODE + " is approved; only a node that is pending can be approved");
    }

    @Test
    void aNewNodeEnrollsWithoutABearerTokenAndLearnsHowItIsApproved() {
        List<EnrollRequest> asked = portal.record(ControlAddresses.NODE_ENROLL, EnrollRequest.class,
            q -> Future.succeededFuture(new EnrollReply(NODE, "pending", "f".repeat(64))));

        HttpResponse<Buffer> response = open("/api/v1/enroll", new JsonObject().put("token", "ect1.abc").put("publicKey", "a2V5")
            .put("proof", "c2ln").put("roles", new JsonArray().add("worker")).put("nodeId", NODE));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(asked).containsExactly(new EnrollRequest("ect1.abc", "a2V5", List.of("worker"), "c2ln", NODE));
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("nodeId", NODE).put("status", "pending")
            .put("keyFingerprint", "f".repeat(64)).put("approve", "POST http://127.0.0.1:" + portal.port() + "/api/v1/nodes/" + NODE + "/approve"));
    }

    @Test
    void badEnrollmentsAre4xxJson() {
        portal.serve(ControlAddresses.NODE_ENROLL, EnrollRequest.class,
            q -> Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "this enrollment token was already used; ask an admin for a new one")));

        assertError(open("/api/v1/enroll", new JsonObject().put("publicKey", "a2V5").put("proof", "c2ln")), 400, "bad_request",
            "token: required");
        assertError(open("/api/v1/enroll", new JsonObject().put("token", "ect1." + "a".repeat(1100)).put("publicKey", "k").put("proof", "p")),
            400, "bad_request", "token: longer than 1024 characters");
        assertError(open("/api/v1/enroll", new JsonObject().put("token", "t").put("publicKey", "k").put("proof", "p").put("roles", "all")),
            400, "bad_request", "roles: must be a list of strings, got a string");
        assertError(open("/api/v1/enroll", new JsonObject().put("token", "t").put("publicKey", "k").put("proof", "p")), 409, "conflict",
            "this enrollment token was already used; ask an admin for a new one");
        HttpResponse<Buffer> big = PortalHarness.await(portal.anonymous(HttpMethod.POST, "/api/v1/enroll")
            .sendBuffer(Buffer.buffer("{\"token\": \"" + "x".repeat(5000) + "\"}")));
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    void enrollmentRequestsFromOneAddressAreBounded() {
        portal.serve(ControlAddresses.NODE_STATUS, EnrollStatusRequest.class,
            q -> Future.succeededFuture(new EnrollStatusReply(NODE, "pending", null, null, null, null)));
        JsonObject poll = new JsonObject().put("nodeId", NODE).put("time", 1).put("proof", "c2ln");

        for (int i = 0; i < PortalLimits.ENROLL_PER_ADDRESS_PER_MINUTE; i++) {
            HttpResponse<Buffer> r = open("/api/v1/enroll/status", poll);
            if (r.statusCode() == 429) {
                return; // the minute turned over mid-loop and an earlier burst counted; the bound held
            }
            assertThat(r.statusCode()).isEqualTo(200);
        }
        HttpResponse<Buffer> refused = open("/api/v1/enroll/status", poll);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotNull();
        assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("overloaded");
    }

    @Test
    void theStatusOfAnApprovedNodeCarriesItsCertificates() {
        List<EnrollStatusRequest> asked = portal.record(ControlAddresses.NODE_STATUS, EnrollStatusRequest.class,
            q -> Future.succeededFuture(new EnrollStatusReply(NODE, "approved", null, "CERT", "TLS", "CA")));

        HttpResponse<Buffer> response = open("/api/v1/enroll/status", new JsonObject().put("nodeId", NODE).put("time", 42).put("proof", "c2ln"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly(new EnrollStatusRequest(NODE, 42, "c2ln"));
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("nodeId", NODE).put("status", "approved").putNull("reason")
            .put("certificate", "CERT").put("tlsCertificate", "TLS").put("caCertificates", "CA"));
        assertError(open("/api/v1/enroll/status", new JsonObject().put("nodeId", NODE).put("time", "now").put("proof", "p")), 400,
            "bad_request", "time: must be an integer, got a string");
    }

    @Test
    void nodesAreListedByStatusAndDecidedWithAReason() {
        List<NodeListRequest> listed = portal.record(ControlAddresses.NODE_LIST, NodeListRequest.class,
            q -> Future.succeededFuture(new NodeListReply(List.of(PENDING))));
        List<NodeDecisionRequest> revoked = portal.record(ControlAddresses.NODE_REVOKE, NodeDecisionRequest.class,
            q -> Future.succeededFuture(PENDING));
        List<NodeDecisionRequest> rejected = portal.record(ControlAddresses.NODE_REJECT, NodeDecisionRequest.class,
            q -> Future.failedFuture(MeshException.notFound("no enrolled node " + q.nodeId())));

        HttpResponse<Buffer> list = portal.get("/api/v1/nodes?status=pending");
        HttpResponse<Buffer> revoke = portal.postJson("/api/v1/nodes/" + NODE + "/revoke", new JsonObject().put("reason", "stolen"));
        HttpResponse<Buffer> revokeWithoutBody = PortalHarness.await(portal.request(HttpMethod.POST, "/api/v1/nodes/" + NODE + "/revoke").send());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(listed).containsExactly(new NodeListRequest("pending"));
        assertThat(list.bodyAsJsonObject().getJsonArray("nodes").getJsonObject(0).getString("keyFingerprint")).isEqualTo("f".repeat(64));
        assertThat(list.bodyAsJsonObject().getJsonArray("nodes").getJsonObject(0).containsKey("decidedBy")).isTrue();
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(revokeWithoutBody.statusCode()).isEqualTo(200);
        assertThat(revoked).containsExactly(new NodeDecisionRequest(NODE, "admin", "stolen"), new NodeDecisionRequest(NODE, "admin", null));
        assertError(portal.postJson("/api/v1/nodes/n1/reject", new JsonObject()), 404, "not_found", "no enrolled node n1");
        assertError(portal.postText("/api/v1/nodes/" + NODE + "/reject", "{\"reason\": 1}"), 400, "bad_request",
            "reason: must be a string, got a number");
        assertThat(rejected).hasSize(1);
    }
}
