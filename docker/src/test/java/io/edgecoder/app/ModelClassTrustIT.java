package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The price class of a model cannot be inflated by the node that serves it. Node A routes (ledger, an inference role
 * without providers, which pins {@code coder-pinned} to {@code small}); node B is honest: its Ollama server advertises
 * {@code coder} at 2 GiB (small) but is always busy; node C lies: it advertises every model at 40 GiB (large) and
 * answers every call with 100 prompt and 20 generated tokens. Prices per 1000 tokens: small 200 / 1000, large
 * 1500 / 7500, so a call costs 40 milli-credits as small and 300 as large.
 */
class ModelClassTrustIT {
    private static final long SMALL_PRICE = 40;
    private static final long LARGE_PRICE = 300;
    private static final long GIB = 1024L * 1024 * 1024;
    private static final List<Vertx> NODES = new ArrayList<>();
    private static final List<SizedOllama> SERVERS = new ArrayList<>();
    private static String honest;
    private static String liar;
    private static BusClient bus;

    @BeforeAll
    static void startCluster() throws Exception {
        String cluster = TestClusters.newName();
        Settings base = Settings.of(ConfigKeys.defaults()).with(Map.of("ledger.credit.line.user.milli", "50000",
            ConfigKeys.ORG, "acme", ConfigKeys.INFERENCE_HEARTBEAT_MS, "200", ConfigKeys.INFERENCE_REFRESH_MS, "500",
            "ledger.checkpoint.interval.ms", "200"));
        Vertx a = member(cluster, EnumSet.of(Role.LEDGER, Role.INFERENCE));
        NodeIdentity aId = NodeIdentity.ephemeral();
        await(a.deployVerticle(new LedgerVerticle(LedgerConfig.from(base, TestDatabase.freshDatabase(), aId))));
        await(a.deployVerticle(new InferenceVerticle(InferenceConfig.from(base.with(Map.of(ConfigKeys.INFERENCE_MODEL_CLASSES,
            "coder-pinned=small")), aId))));

        Vertx b = member(cluster, EnumSet.of(Role.INFERENCE));
        honest = deployServing(b, base, server(b, 2 * GIB, true, "coder"));
        Vertx c = member(cluster, EnumSet.of(Role.INFERENCE));
        liar = deployServing(c, base, server(c, 40 * GIB, false, "coder", "coder-solo", "coder-pinned"));

        bus = new BusClient(a, Duration.ofSeconds(30));
        Await.until("node A to know both serving nodes' models", Duration.ofSeconds(60),
            () -> await(bus.request(InferenceAddresses.MODELS, new ModelListRequest(Actor.user("alice"), "acme", false, false),
                ModelListReply.class)).models().stream().map(m -> m.name() + "@" + m.node()).toList(),
            known -> known.containsAll(List.of("coder@" + honest, "coder@" + liar, "coder-solo@" + liar, "coder-pinned@" + liar)));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (SizedOllama s : SERVERS) {
            await(s.server.close());
        }
        TestClusters.closeAll(NODES);
    }

    @Test
    void aLiarServingAModelAnHonestNodeAlsoAdvertisesIsPaidAtTheHonestSizesClass() throws Exception {
        ChatReply reply = await(chat("coder"));

        assertThat(reply.servedBy()).as("the honest node is busy, so the liar serves").isEqualTo(liar);
        assertThat(reply.chargedMilli()).as("priced as small (2 GiB, the smallest size advertised), not large (40 GiB)")
            .isEqualTo(SMALL_PRICE);
    }

    @Test
    void aModelOnlyTheLiarAdvertisesIsPricedByItsSizeUnlessTheOperatorPinnedItsClass() throws Exception {
        ChatReply solo = await(chat("coder-solo"));
        ChatReply pinned = await(chat("coder-pinned"));

        assertThat(solo.servedBy()).isEqualTo(liar);
        assertThat(solo.chargedMilli()).as("nobody contradicts the liar: large").isEqualTo(LARGE_PRICE);
        assertThat(pinned.servedBy()).isEqualTo(liar);
        assertThat(pinned.chargedMilli()).as("the routing node's pin (inference.model.classes) wins").isEqualTo(SMALL_PRICE);
    }

    /** A call routed by node A (its own inference role, which holds the pin). */
    private static Future<ChatReply> chat(String model) {
        ChatRequest request = new ChatRequest("chat-" + UUID.randomUUID(), model, List.of(ChatMessage.user("Write calc.py")), 64, 0.0,
            Actor.user("dana-" + UUID.randomUUID().toString().substring(0, 8)), "acme", false, null, null, null);
        return bus.requestLocalFirst(InferenceAddresses.CHAT, request, ChatReply.class, Duration.ofSeconds(30));
    }

    private static String deployServing(Vertx node, Settings base, SizedOllama server) throws Exception {
        await(node.deployVerticle(new InferenceVerticle(InferenceConfig.from(base.with(Map.of(ConfigKeys.INFERENCE_PROVIDERS,
            "ollama=http://127.0.0.1:" + server.server.actualPort())), NodeIdentity.ephemeral()))));
        return BusAuth.of(node).orElseThrow().self().nodeId();
    }

    private static Vertx member(String cluster, EnumSet<Role> roles) throws Exception {
        Vertx node = await(TestClusters.member(cluster, roles, "acme"));
        NODES.add(node);
        return node;
    }

    private static SizedOllama server(Vertx vertx, long size, boolean busy, String... models) throws Exception {
        SizedOllama s = new SizedOllama(size, busy, List.of(models));
        s.server = await(vertx.createHttpServer().requestHandler(s::handle).listen(0, "127.0.0.1"));
        SERVERS.add(s);
        return s;
    }

    /** An Ollama server (an outside service) advertising its models at {@code size} bytes; busy (503) or answering. */
    private static final class SizedOllama {
        private final long size;
        private final boolean busy;
        private final List<String> models;
        private HttpServer server;

        SizedOllama(long size, boolean busy, List<String> models) {
            this.size = size;
            this.busy = busy;
            this.models = models;
        }

        void handle(HttpServerRequest request) {
            switch (request.path()) {
                case "/api/tags" -> {
                    JsonArray list = new JsonArray();
                    models.forEach(m -> list.add(new JsonObject().put("name", m).put("model", m).put("size", size).put("digest", m)));
                    json(request, 200, new JsonObject().put("models", list));
                }
                case "/api/show" -> json(request, 200, new JsonObject().put("model_info", new JsonObject()));
                case "/api/chat" -> request.body().onSuccess(body -> {
                    String model = body.toJsonObject().getString("model");
                    json(request, busy ? 503 : 200, busy ? new JsonObject().put("error", "server busy")
                        : new JsonObject().put("model", model).put("message", new JsonObject().put("role", "assistant").put("content", "ok"))
                            .put("done", true).put("done_reason", "stop").put("prompt_eval_count", 100).put("eval_count", 20));
                });
                default -> request.response().setStatusCode(404).end();
            }
        }

        private static void json(HttpServerRequest request, int status, JsonObject body) {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
        }
    }
}
