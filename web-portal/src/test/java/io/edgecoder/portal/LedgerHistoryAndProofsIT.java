package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.ConsistencyProofReply;
import io.edgecoder.core.message.ConsistencyProofRequest;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.InclusionProofRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An account's history, checkpoints and proofs are the ledger's answers, shown as JSON. */
class LedgerHistoryAndProofsIT {
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678901Z");

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void historyPassesAccountLimitAndCursorAndShowsEveryEntryField() {
        EntryView entry = new EntryView(8, AT, "earn", "user:admin", "node:n1", 1500, "job:j1", "settle:a1", "ab01");
        List<AccountHistoryRequest> asked = portal.record(EconomyAddresses.ACCOUNT_HISTORY, AccountHistoryRequest.class,
            request -> Future.succeededFuture(new AccountHistoryReply(request.account(), List.of(entry), 8L)));

        HttpResponse<Buffer> response = portal.get("/api/v1/ledger/accounts/user%3Aadmin/history?limit=1&after=7");

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(asked).containsExactly(new AccountHistoryRequest("user:admin", 1, 7L));
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("account", "user:admin")
            .put("entries", new JsonArray().add(new JsonObject().put("seq", 8).put("at", "2025-01-02T03:04:05.678901Z")
                .put("kind", "earn").put("from", "user:admin").put("to", "node:n1").put("amountMilli", 1500)
                .put("reference", "job:j1").put("idempotencyKey", "settle:a1").put("hash", "ab01")))
            .put("next", 8));
    }

    @Test
    void lastHistoryPageHasANullNextAndDefaultsAreTheLedgers() {
        List<AccountHistoryRequest> asked = portal.record(EconomyAddresses.ACCOUNT_HISTORY, AccountHistoryRequest.class,
            request -> Future.succeededFuture(new AccountHistoryReply(request.account(), List.of(), null)));

        JsonObject body = portal.get("/api/v1/ledger/accounts/node:n1/history").bodyAsJsonObject();

        assertThat(asked).containsExactly(new AccountHistoryRequest("node:n1", null, null));
        assertThat(body.getJsonArray("entries")).isEmpty();
        assertThat(body.containsKey("next")).isTrue();
        assertThat(body.getValue("next")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/v1/ledger/accounts/user:admin/history?limit=0|limit: must be an integer within 1..1000",
        "/api/v1/ledger/accounts/user:admin/history?limit=1001|limit: must be an integer within 1..1000",
        "/api/v1/ledger/accounts/user:admin/history?limit=ten|limit: must be an integer within 1..1000",
        "/api/v1/ledger/accounts/user:admin/history?limit=1&limit=2|limit: given more than once",
        "/api/v1/ledger/accounts/user:admin/history?after=-1|after: must be an integer within 0..9223372036854775807",
        "/api/v1/ledger/accounts/user%20admin/history|account: must be 1..200 printable ASCII characters without spaces",
        "/api/v1/ledger/proofs/inclusion|seq: required, an integer within 1..9223372036854775807",
        "/api/v1/ledger/proofs/inclusion?seq=0|seq: must be an integer within 1..9223372036854775807",
        "/api/v1/ledger/proofs/inclusion?seq=3&checkpoint=x|checkpoint: must be an integer within 1..9223372036854775807",
        "/api/v1/ledger/proofs/consistency?to=2|from: required, an integer within 1..9223372036854775807",
        "/api/v1/ledger/proofs/consistency?from=1|to: required, an integer within 1..9223372036854775807",
        "/api/v1/ledger/proofs/consistency?from=2&to=2|to: must be greater than from (2), got 2",
    })
    void badParametersAre400NamingTheParameterAndNeverReachTheLedger(String path, String message) {
        List<Object> asked = new CopyOnWriteArrayList<>();
        portal.serve(EconomyAddresses.ACCOUNT_HISTORY, AccountHistoryRequest.class, q -> record(asked, q));
        portal.serve(EconomyAddresses.PROOF_INCLUSION, InclusionProofRequest.class, q -> record(asked, q));
        portal.serve(EconomyAddresses.PROOF_CONSISTENCY, ConsistencyProofRequest.class, q -> record(asked, q));

        assertError(portal.get(path), 400, "bad_request", message);
        assertThat(asked).isEmpty();
    }

    @Test
    void checkpointsAreListedWithEveryField() {
        CheckpointView cp = new CheckpointView(2, 17, 11, "aa", "bb", AT, "n1", "a2V5", "cc");
        portal.serve(EconomyAddresses.CHECKPOINT_LIST, CheckpointListRequest.class,
            q -> Future.succeededFuture(new CheckpointListReply(List.of(cp))));

        JsonObject body = portal.get("/api/v1/ledger/checkpoints").bodyAsJsonObject();

        assertThat(body).isEqualTo(new JsonObject().put("checkpoints", new JsonArray().add(new JsonObject()
            .put("id", 2).put("treeSize", 17).put("firstSeq", 11).put("root", "aa").put("headHash", "bb")
            .put("at", "2025-01-02T03:04:05.678901Z").put("signerNode", "n1").put("signerKey", "a2V5")
            .put("signature", "cc"))));
    }

    @Test
    void inclusionProofAsksForTheSeqAndOptionalCheckpoint() {
        List<InclusionProofRequest> asked = portal.record(EconomyAddresses.PROOF_INCLUSION, InclusionProofRequest.class,
            q -> Future.succeededFuture(new InclusionProofReply(q.seq(), 3, 20, "e5", List.of("p1", "p2"), "r0")));

        JsonObject first = portal.get("/api/v1/ledger/proofs/inclusion?seq=5").bodyAsJsonObject();
        portal.get("/api/v1/ledger/proofs/inclusion?seq=5&checkpoint=3");

        assertThat(asked).containsExactly(new InclusionProofRequest(5, null), new InclusionProofRequest(5, 3L));
        assertThat(first).isEqualTo(new JsonObject().put("seq", 5).put("checkpointId", 3).put("treeSize", 20)
            .put("entryHash", "e5").put("path", new JsonArray().add("p1").add("p2")).put("root", "r0"));
    }

    @Test
    void consistencyProofBetweenTwoCheckpoints() {
        List<ConsistencyProofRequest> asked = portal.record(EconomyAddresses.PROOF_CONSISTENCY, ConsistencyProofRequest.class,
            q -> Future.succeededFuture(new ConsistencyProofReply(q.fromId(), q.toId(), 10, 17, "r1", "r2", List.of("x"))));

        JsonObject body = portal.get("/api/v1/ledger/proofs/consistency?from=1&to=2").bodyAsJsonObject();

        assertThat(asked).containsExactly(new ConsistencyProofRequest(1, 2));
        assertThat(body).isEqualTo(new JsonObject().put("fromId", 1).put("toId", 2).put("fromSize", 10)
            .put("toSize", 17).put("fromRoot", "r1").put("toRoot", "r2").put("path", new JsonArray().add("x")));
    }

    @Test
    void ledgerFailuresKeepTheirCodeAndMessage() {
        portal.serve(EconomyAddresses.PROOF_INCLUSION, InclusionProofRequest.class,
            q -> Future.failedFuture(MeshException.notFound("entry 99 is not covered by a checkpoint yet")));
        portal.serve(EconomyAddresses.PROOF_CONSISTENCY, ConsistencyProofRequest.class,
            q -> Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "stored entries no longer match checkpoint 2; run verify")));

        assertError(portal.get("/api/v1/ledger/proofs/inclusion?seq=99"), 404, "not_found",
            "entry 99 is not covered by a checkpoint yet");
        assertError(portal.get("/api/v1/ledger/proofs/consistency?from=1&to=2"), 409, "conflict",
            "stored entries no longer match checkpoint 2; run verify");
        assertError(portal.get("/api/v1/ledger/checkpoints"), 503, "unavailable", "a required service is not running");
    }

    private static Future<Object> record(List<Object> asked, Object request) {
        asked.add(request);
        return Future.failedFuture(new IllegalStateException("should not be asked"));
    }
}
