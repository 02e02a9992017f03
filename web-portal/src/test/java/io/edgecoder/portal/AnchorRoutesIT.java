package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.AnchorListReply;
import io.edgecoder.core.message.AnchorListRequest;
import io.edgecoder.core.message.AnchorProveRequest;
import io.edgecoder.core.message.AnchorSubmitRequest;
import io.edgecoder.core.message.AnchorView;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checkpoint anchors: submissions and proofs recorded through the ledger, listed as JSON. */
class AnchorRoutesIT {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678901Z");
    private static final String PROOF = Base64.getEncoder().encodeToString("ots proof".getBytes());

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    private HttpResponse<Buffer> put(String path, JsonObject body) {
        return PortalHarness.await(portal.request(HttpMethod.PUT, path).sendJsonObject(body));
    }

    private HttpResponse<Buffer> putText(String path, String body) {
        return PortalHarness.await(portal.request(HttpMethod.PUT, path).putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(body)));
    }

    @Test
    void submittingAnAnchorIs201WithTheCheckpointDigest() {
        List<AnchorSubmitRequest> asked = portal.record(EconomyAddresses.ANCHOR_SUBMIT, AnchorSubmitRequest.class,
            q -> Future.succeededFuture(new AnchorView(q.checkpointId(), q.service(), "ab12", AT, null, null)));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/ledger/checkpoints/3/anchors",
            new JsonObject().put("service", "opentimestamps"));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        assertThat(asked).containsExactly(new AnchorSubmitRequest(3, "opentimestamps"));
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/ledger/checkpoints/3/anchors/opentimestamps");
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("checkpointId", 3)
            .put("service", "opentimestamps").put("digest", "ab12").put("submittedAt", "2025-01-02T03:04:05.678901Z")
            .put("provenAt", null).put("proofBytes", null));
    }

    @Test
    void provingForwardsTheBase64ProofAndShowsItsSize() {
        List<AnchorProveRequest> asked = portal.record(EconomyAddresses.ANCHOR_PROVE, AnchorProveRequest.class,
            q -> Future.succeededFuture(new AnchorView(q.checkpointId(), q.service(), "ab12", AT, AT.plusSeconds(60), 9)));

        HttpResponse<Buffer> response = put("/api/v1/ledger/checkpoints/3/anchors/opentimestamps",
            new JsonObject().put("proof", PROOF));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(asked).containsExactly(new AnchorProveRequest(3, "opentimestamps", PROOF));
        assertThat(response.bodyAsJsonObject().getString("provenAt")).isEqualTo("2025-01-02T03:05:05.678901Z");
        assertThat(response.bodyAsJsonObject().getInteger("proofBytes")).isEqualTo(9);
    }

    @Test
    void aFullSizeProofFitsTheBodyLimit() {
        String big = Base64.getEncoder().encodeToString(new byte[AnchorView.MAX_PROOF_BYTES]);
        List<AnchorProveRequest> asked = portal.record(EconomyAddresses.ANCHOR_PROVE, AnchorProveRequest.class,
            q -> Future.succeededFuture(new AnchorView(1, q.service(), "ab", AT, AT, AnchorView.MAX_PROOF_BYTES)));

        HttpResponse<Buffer> response = put("/api/v1/ledger/checkpoints/1/anchors/ots", new JsonObject().put("proof", big));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(asked).hasSize(1);
    }

    @Test
    void anchorsAreListedForOneOrEveryCheckpoint() {
        AnchorView view = new AnchorView(2, "opentimestamps", "cd", AT, null, null);
        List<AnchorListRequest> asked = portal.record(EconomyAddresses.ANCHOR_LIST, AnchorListRequest.class,
            q -> Future.succeededFuture(new AnchorListReply(List.of(view))));

        JsonObject body = portal.get("/api/v1/ledger/anchors?checkpoint=2").bodyAsJsonObject();
        portal.get("/api/v1/ledger/anchors");

        assertThat(asked).containsExactly(new AnchorListRequest(2L), new AnchorListRequest(null));
        assertThat(body).isEqualTo(new JsonObject().put("anchors", new JsonArray().add(new JsonObject()
            .put("checkpointId", 2).put("service", "opentimestamps").put("digest", "cd")
            .put("submittedAt", "2025-01-02T03:04:05.678901Z").put("provenAt", null).put("proofBytes", null))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POST|/api/v1/ledger/checkpoints/0/anchors|{\"service\":\"ots\"}|id: must be a checkpoint id, an integer within 1..9223372036854775807",
        "POST|/api/v1/ledger/checkpoints/x/anchors|{\"service\":\"ots\"}|id: must be a checkpoint id, an integer within 1..9223372036854775807",
        "POST|/api/v1/ledger/checkpoints/1/anchors|{\"service\":\"OTS\"}|service: must be 1..64 characters of [a-z0-9._-]",
        "POST|/api/v1/ledger/checkpoints/1/anchors|{}|service: required",
        "PUT|/api/v1/ledger/checkpoints/1/anchors/a%20b|{\"proof\":\"AQID\"}|service: must be 1..64 characters of [a-z0-9._-]",
        "PUT|/api/v1/ledger/checkpoints/1/anchors/ots|{\"proof\":\"not base64!\"}|proof: must be base64 (RFC 4648, with padding)",
        "PUT|/api/v1/ledger/checkpoints/1/anchors/ots|{\"proof\":\"\"}|proof: must decode to 1..65536 bytes",
        "PUT|/api/v1/ledger/checkpoints/1/anchors/ots|{}|proof: required",
        "GET|/api/v1/ledger/anchors?checkpoint=0|''|checkpoint: must be an integer within 1..9223372036854775807",
    })
    void badParametersAre400NamingTheParameterAndNeverReachTheLedger(String method, String path, String body,
                                                                      String message) {
        List<Object> asked = new CopyOnWriteArrayList<>();
        portal.serve(EconomyAddresses.ANCHOR_SUBMIT, AnchorSubmitRequest.class, q -> record(asked, q));
        portal.serve(EconomyAddresses.ANCHOR_PROVE, AnchorProveRequest.class, q -> record(asked, q));
        portal.serve(EconomyAddresses.ANCHOR_LIST, AnchorListRequest.class, q -> record(asked, q));

        HttpResponse<Buffer> response = switch (method) {
            case "POST" -> portal.postText(path, body);
            case "PUT" -> putText(path, body);
            default -> portal.get(path);
        };
        assertError(response, 400, "bad_request", message);
        assertThat(asked).isEmpty();
    }

    @Test
    void aProofOverTheLimitIsRefused() {
        String big = Base64.getEncoder().encodeToString(new byte[AnchorView.MAX_PROOF_BYTES + 1]);
        assertError(put("/api/v1/ledger/checkpoints/1/anchors/ots", new JsonObject().put("proof", big)), 400,
            "bad_request", "proof: must decode to 1..65536 bytes");
    }

    @Test
    void ledgerConflictsAndUnknownCheckpointsKeepTheirCode() {
        portal.serve(EconomyAddresses.ANCHOR_PROVE, AnchorProveRequest.class, q -> Future.failedFuture(
            new MeshException(ErrorCode.CONFLICT, "checkpoint 1 already has a different ots proof")));
        portal.serve(EconomyAddresses.ANCHOR_SUBMIT, AnchorSubmitRequest.class,
            q -> Future.failedFuture(MeshException.notFound("no checkpoint 42")));

        assertError(put("/api/v1/ledger/checkpoints/1/anchors/ots", new JsonObject().put("proof", "AQID")), 409,
            "conflict", "checkpoint 1 already has a different ots proof");
        assertError(portal.postJson("/api/v1/ledger/checkpoints/42/anchors", new JsonObject().put("service", "ots")),
            404, "not_found", "no checkpoint 42");
    }

    @Test
    void anchorRoutesNeedTheToken() {
        HttpResponse<Buffer> response = PortalHarness.await(portal.anonymous(HttpMethod.POST,
            "/api/v1/ledger/checkpoints/1/anchors").sendJsonObject(new JsonObject().put("service", "ots")));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static Future<Object> record(List<Object> asked, Object request) {
        asked.add(request);
        return Future.failedFuture(new IllegalStateException("should not be asked"));
    }
}
