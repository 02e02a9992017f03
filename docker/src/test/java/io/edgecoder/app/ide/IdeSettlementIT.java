package io.edgecoder.app.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IDE calls are paid: a real node as {@code edgecoder up --roles inference,portal,ledger} starts it, with settlement on.
 * The caller is the account of the token; the serving node is this node. The fake Ollama model advertises 4.7 GB of
 * weights (class medium: 500 / 2500 milli-credits per 1000 prompt / completion tokens) and counts 11 prompt tokens and
 * one token per piece it sends (4 here): 11 × 0.5 + 4 × 2.5 = 15.5, so 16 milli-credits a call. Users may go 100 credits
 * below zero.
 */
class IdeSettlementIT {
    private static final long OLLAMA_CALL = 16;
    private static Vertx outside;
    private static FakeModelServer models;
    private static IdeNode node;

    @BeforeAll
    static void start() throws Exception {
        outside = Vertx.vertx();
        models = new FakeModelServer(List.of("def ", "add", "(a, b):", "\n    return a + b\n"), 2);
        models.start(outside).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        node = IdeNode.start(models, Map.of(ConfigKeys.ROLES, "inference,portal,ledger", ConfigKeys.INFERENCE_SETTLEMENT, "true",
            "ledger.checkpoint.interval.ms", "200", "ledger.credit.line.user.milli", "100000",
            // each call escrowed on its own before its model (the path an account's first call takes); allowances: InferenceAllowanceIT
            ConfigKeys.INFERENCE_ALLOWANCE_MILLI, "0"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        outside.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void theLedgerStillVerifies() throws Exception {
        JsonObject verify = new JsonObject(portal("/api/v1/ledger/verify").body());
        assertThat(verify.getBoolean("ok")).as(verify.encode()).isTrue();
    }

    @Test
    void anIdeChatChargesTheCallerAndPaysTheServingNodeExactlyThePricedAmount() throws Exception {
        Map<String, Long> before = balances();

        HttpResponse<String> whole = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, false));
        HttpResponse<String> streamed = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, true));

        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        Map<String, Long> after = balances();
        String serving = "node:" + node.node.nodeId();
        assertThat(after.get("user:admin")).isEqualTo(before.getOrDefault("user:admin", 0L) - 2 * OLLAMA_CALL);
        assertThat(after.get(serving)).isEqualTo(before.getOrDefault(serving, 0L) + 2 * OLLAMA_CALL);
    }

    @Test
    void aCallerWithoutEnoughCreditsGets402AndTheModelIsNeverAsked() throws Exception {
        String token = node.personalToken("poor-" + System.nanoTime() + "@example.com", "jobs");
        int calls = models.calls();

        HttpResponse<String> refused = node.call(token, "POST", "/v1/chat/completions", tooBig(false));
        HttpResponse<String> refusedStream = node.call(token, "POST", "/v1/chat/completions", tooBig(true));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        assertThat(refused.body()).contains("insufficient credits for this model call");
        assertThat(refusedStream.statusCode()).as(refusedStream.body()).isEqualTo(402);
        assertThat(models.calls()).isEqualTo(calls);
    }

    @Test
    void aCallTheProviderRefusesCostsNothing() throws Exception {
        Map<String, Long> before = balances();

        HttpResponse<String> busy = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.BUSY_MODEL, false));

        assertThat(busy.statusCode()).as(busy.body()).isIn(429, 503);
        assertThat(balances().get("user:admin")).isEqualTo(before.getOrDefault("user:admin", 0L));
    }

    /** A call whose answer may be 1,000,000 tokens: an escrow of 2,500 credits, beyond the credit line. */
    private static String tooBig(boolean stream) {
        return new JsonObject().put("model", FakeModelServer.OPENAI_MODEL).put("max_tokens", 1_000_000).put("stream", stream)
            .put("messages", new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "user").put("content", "hi"))).encode();
    }

    private static HttpResponse<String> portal(String path) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.node.httpPort() + path))
            .header("Authorization", "Bearer " + node.adminToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Balances once no call's escrow is open (the release of a failed call is not awaited by its caller). */
    private static Map<String, Long> balances() throws Exception {
        return io.edgecoder.core.testing.Await.until("no open model call escrow", java.time.Duration.ofSeconds(30), () -> {
            JsonObject all = new JsonObject(portal("/api/v1/ledger/balances").body()).getJsonObject("balances");
            Map<String, Long> out = new java.util.TreeMap<>();
            all.forEach(e -> out.put(e.getKey(), ((Number) e.getValue()).longValue()));
            return out;
        }, m -> m.entrySet().stream().noneMatch(e -> e.getKey().startsWith("call:") && e.getValue() != 0));
    }
}
