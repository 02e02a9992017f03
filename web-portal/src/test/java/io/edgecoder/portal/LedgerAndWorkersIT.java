package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.message.WorkerStanding;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Ledger and worker reads are answered by their roles over the bus and shown as JSON. */
class LedgerAndWorkersIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void balancesAreTheLedgersBalances() {
        portal.serve(LedgerAddresses.BALANCE_LIST, BalancesRequest.class,
            request -> Future.succeededFuture(new BalancesReply(Map.of("user:admin", -1500L, "node:n1", 1500L))));

        HttpResponse<Buffer> response = portal.get("/api/v1/ledger/balances");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
            .put("balances", new JsonObject().put("node:n1", 1500).put("user:admin", -1500)));
    }

    @Test
    void zeroBalanceHoldsAreLeftOutUnlessAskedFor() {
        portal.serve(LedgerAddresses.BALANCE_LIST, BalancesRequest.class, request -> Future.succeededFuture(
            new BalancesReply(Map.of("user:admin", -1500L, "node:n1", 1500L, "hold:j1", 0L, "hold:j2", 700L, "node:n2", 0L))));

        JsonObject usual = portal.get("/api/v1/ledger/balances").bodyAsJsonObject();
        JsonObject all = portal.get("/api/v1/ledger/balances?includeZero=true").bodyAsJsonObject();

        assertThat(usual).isEqualTo(new JsonObject().put("balances", new JsonObject()
            .put("hold:j2", 700).put("node:n1", 1500).put("node:n2", 0).put("user:admin", -1500)));
        assertThat(all.getJsonObject("balances").getMap()).containsEntry("hold:j1", 0).hasSize(5);
        assertThat(portal.get("/api/v1/ledger/balances?includeZero=false").bodyAsJsonObject()).isEqualTo(usual);
    }

    @Test
    void includeZeroMustBeTrueOrFalse() {
        portal.serve(LedgerAddresses.BALANCE_LIST, BalancesRequest.class,
            request -> Future.succeededFuture(new BalancesReply(Map.of())));

        assertError(portal.get("/api/v1/ledger/balances?includeZero=yes"), 400, "bad_request", "includeZero: must be true or false");
        assertError(portal.get("/api/v1/ledger/balances?includeZero=true&includeZero=false"), 400, "bad_request",
            "includeZero: given more than once");
    }

    @Test
    void verifyReportsTheFirstBadSequence() {
        portal.serve(LedgerAddresses.CHAIN_VERIFY, VerifyRequest.class,
            request -> Future.succeededFuture(new VerifyReply(false, 12, 7L, "entry 7: hash mismatch")));

        HttpResponse<Buffer> response = portal.get("/api/v1/ledger/verify");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("ok", false).put("entries", 12)
            .put("firstBadSequence", 7).put("message", "entry 7: hash mismatch")
            .put("checkpoints", 0).put("unchecked", 0).put("complete", false));
    }

    @Test
    void verifyShowsTheEntriesNoCheckpointCovers() {
        portal.serve(LedgerAddresses.CHAIN_VERIFY, VerifyRequest.class, request -> Future.succeededFuture(
            new VerifyReply(true, 45, null, "ok: 45 entries and 1 checkpoints verified; 3 entries after the last"
                + " checkpoint are not covered by a signed checkpoint", 1, 3)));

        JsonObject body = portal.get("/api/v1/ledger/verify").bodyAsJsonObject();

        assertThat(body.getBoolean("ok")).isTrue();
        assertThat(body.getLong("checkpoints")).isEqualTo(1);
        assertThat(body.getLong("unchecked")).isEqualTo(3);
        assertThat(body.getBoolean("complete")).isFalse();
    }

    @Test
    void verifyOfASoundChainShowsANullBadSequence() {
        portal.serve(LedgerAddresses.CHAIN_VERIFY, VerifyRequest.class,
            request -> Future.succeededFuture(new VerifyReply(true, 3, null, null)));

        JsonObject body = portal.get("/api/v1/ledger/verify").bodyAsJsonObject();

        assertThat(body.getBoolean("ok")).isTrue();
        assertThat(body.containsKey("firstBadSequence")).isTrue();
        assertThat(body.getValue("firstBadSequence")).isNull();
    }

    @Test
    void ledgerDownIs503() {
        portal.serve(LedgerAddresses.BALANCE_LIST, BalancesRequest.class,
            request -> Future.failedFuture(MeshException.unavailable("database unavailable")));

        assertError(portal.get("/api/v1/ledger/balances"), 503, "unavailable", "database unavailable");
        assertError(portal.get("/api/v1/ledger/verify"), 503, "unavailable", "a required service is not running");
    }

    @Test
    void workersAreTheCoordinatorsCapacityTable() {
        WorkerHeartbeat worker = new WorkerHeartbeat("n1", "local", List.of("python"), 4, 3, 0, "process", 1000);
        portal.serve(CoordinatorAddresses.WORKER_LIST, WorkerListRequest.class,
            request -> Future.succeededFuture(new WorkerListReply(List.of(worker))));

        HttpResponse<Buffer> response = portal.get("/api/v1/workers");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray workers = response.bodyAsJsonObject().getJsonArray("workers");
        assertThat(workers).hasSize(1);
        assertThat(workers.getJsonObject(0).getMap()).containsEntry("nodeId", "n1").containsEntry("freeSlots", 3)
            .containsEntry("isolation", "process").containsEntry("languages", List.of("python"));
    }

    @Test
    void eachWorkerCarriesItsStandingAndTheModelsItsNodeServes() {
        WorkerHeartbeat n1 = new WorkerHeartbeat("n1", "local", List.of("python"), 4, 3, 0, "process", 1000);
        WorkerHeartbeat n2 = new WorkerHeartbeat("n2", "local", List.of("python"), 2, 2, 0, "strong", 1000);
        portal.serve(CoordinatorAddresses.WORKER_LIST, WorkerListRequest.class,
            request -> Future.succeededFuture(new WorkerListReply(List.of(n1, n2),
                List.of(new WorkerStanding("n1", 12, true, false, false), new WorkerStanding("n2", 0, false, true, false)))));
        portal.serve(InferenceAddresses.MODELS, ModelListRequest.class, request -> Future.succeededFuture(new ModelListReply(
            List.of(new ModelInfo("qwen2.5-coder:7b", "ollama", 4_700_000_000L, 32768, "Q4_K_M", "n2", "local", false)))));

        JsonArray workers = portal.get("/api/v1/workers").bodyAsJsonObject().getJsonArray("workers");

        assertThat(workers.getJsonObject(0).getJsonObject("reputation").getMap()).containsEntry("agreed", 12)
            .containsEntry("established", true).containsEntry("quarantined", false).doesNotContainKey("nodeId");
        assertThat(workers.getJsonObject(0).getJsonArray("models")).isEmpty();
        assertThat(workers.getJsonObject(1).getJsonObject("reputation").getBoolean("quarantined")).isTrue();
        assertThat(workers.getJsonObject(1).getJsonArray("models").getJsonObject(0).getMap())
            .containsEntry("name", "qwen2.5-coder:7b").containsEntry("contextLength", 32768);
    }
}
