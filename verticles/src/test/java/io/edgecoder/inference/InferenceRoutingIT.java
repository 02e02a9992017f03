package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ChatCancel;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat over a real three-node cluster with certified orgs: node A (org acme) serves a model
 * through Ollama and a slow one through an OpenAI-compatible server; node B (org globex) serves
 * the same model and a remote (cloud) one; node C (org acme) runs an inference role without
 * providers and is where callers sit. C routes; local-only prompts never reach B.
 */
class InferenceRoutingIT {
    private static final String MODEL = ScriptedModelServer.MODEL;
    private static final String SLOW = "slow-model";
    private static final String CLOUD = "big-cloud-model";
    /** {@code inference.default.max.tokens} of every node here. */
    private static final int DEFAULT_CAP = 333;

    private static final List<Vertx> nodes = new ArrayList<>();
    private static final List<String> leaks = new CopyOnWriteArrayList<>();
    private static final Set<String> seenOnB = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static ScriptedModelServer acmeServer;
    private static ScriptedModelServer slowServer;
    private static ScriptedModelServer globexServer;
    private static ScriptedModelServer cloudServer;
    private static BusClient caller;
    private static Vertx callerVertx;
    private static String nodeA;
    private static String nodeB;

    @BeforeAll
    static void start() throws Exception {
        String cluster = TestClusters.newName();
        Set<Role> inference = EnumSet.of(Role.INFERENCE);
        Vertx a = member(cluster, inference, "acme");
        Vertx b = member(cluster, inference, "globex");
        callerVertx = member(cluster, EnumSet.of(Role.INFERENCE, Role.PORTAL), "acme");
        acmeServer = get(ScriptedModelServer.start(a));
        slowServer = get(ScriptedModelServer.start(a)).models(List.of(SLOW)).tokenDelayMs(200)
            .tokens(java.util.Collections.nCopies(100, "x"));
        globexServer = get(ScriptedModelServer.start(b));
        cloudServer = get(ScriptedModelServer.start(b)).models(List.of(CLOUD));
        get(a.deployVerticle(new InferenceVerticle(config(List.of(
            new ProviderConfig("ollama", ProviderConfig.Kind.OLLAMA, URI.create(acmeServer.ollamaUrl()), false, null, 4),
            new ProviderConfig("slow", ProviderConfig.Kind.OPENAI, URI.create(slowServer.openAiUrl()), false, null, 1))))));
        get(b.deployVerticle(new InferenceVerticle(config(List.of(
            new ProviderConfig("llama", ProviderConfig.Kind.OPENAI, URI.create(globexServer.openAiUrl()), false, null, 4),
            new ProviderConfig("cloud", ProviderConfig.Kind.OPENAI, URI.create(cloudServer.openAiUrl()), true, "sk-test", 4))))));
        get(callerVertx.deployVerticle(new InferenceVerticle(config(List.of()))));
        b.eventBus().addInboundInterceptor(ctx -> {
            seenOnB.add(ctx.message().address());
            if (String.valueOf(ctx.body()).contains("SECRET-ACME")) {
                leaks.add(ctx.message().address());
            }
            ctx.next();
        });
        nodeA = BusAuth.of(a).orElseThrow().self().nodeId();
        nodeB = BusAuth.of(b).orElseThrow().self().nodeId();
        caller = new BusClient(callerVertx, Duration.ofSeconds(30));
        Await.until("every node's models in C's table", Duration.ofSeconds(60),
            () -> get(caller.request(InferenceAddresses.MODELS, new ModelListRequest(null, null, false, true), ModelListReply.class)),
            reply -> reply.models().size() == 4);
    }

    private static Vertx member(String cluster, Set<Role> roles, String org) throws Exception {
        Vertx vertx = get(TestClusters.member(cluster, roles, org));
        nodes.add(vertx);
        return vertx;
    }

    private static InferenceConfig config(List<ProviderConfig> providers) {
        return new InferenceConfig("unused", "unused", Duration.ofSeconds(10), providers, Duration.ofSeconds(30),
            Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(20),
            false, InferenceConfig.defaultStreamLoops(), java.util.Map.of(), DEFAULT_CAP, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        TestClusters.closeAll(nodes);
    }

    private static ChatRequest chat(String model, boolean localOnly, String allowRemote, String streamTo, String prompt) {
        return new ChatRequest(UUID.randomUUID().toString(), model, List.of(ChatMessage.user(prompt)), 32, null, null, "acme",
            localOnly, null, allowRemote, streamTo);
    }

    private static Future<ChatReply> send(ChatRequest request) {
        return caller.request(InferenceAddresses.chat(request.org(), request.localOnly()), request, ChatReply.class);
    }

    @Test
    void modelsAreListedPerNodeWithOrgAndLocalOnlyListsShowOnlyTheOrgsNodes() throws Exception {
        List<ModelInfo> all = get(caller.request(InferenceAddresses.MODELS, new ModelListRequest(null, null, false, false),
            ModelListReply.class)).models();
        assertThat(all).extracting(ModelInfo::name, ModelInfo::node, ModelInfo::org)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(MODEL, nodeA, "acme"),
                org.assertj.core.groups.Tuple.tuple(SLOW, nodeA, "acme"), org.assertj.core.groups.Tuple.tuple(MODEL, nodeB, "globex"));
        ModelInfo fromOllama = all.stream().filter(m -> m.node().equals(nodeA) && m.name().equals(MODEL)).findFirst().orElseThrow();
        assertThat(fromOllama.quantization()).isEqualTo("Q4_K_M");
        assertThat(fromOllama.contextLength()).isEqualTo(32768);
        List<ModelInfo> local = get(caller.request(InferenceAddresses.MODELS, new ModelListRequest(null, "acme", true, true),
            ModelListReply.class)).models();
        assertThat(local).extracting(ModelInfo::node).containsOnly(nodeA);
    }

    @Test
    void aLocalOnlyStreamIsServedInOrgAndItsPromptNeverReachesTheOtherOrg() throws Exception {
        for (int i = 0; i < 4; i++) {
            List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
            String address = "test.chunks." + UUID.randomUUID();
            MessageConsumer<JsonObject> reader = get(caller.consumer(address, ChatChunk.class, c -> {
                chunks.add(c);
                return Future.succeededFuture();
            }));
            ChatReply reply = get(send(chat(MODEL, true, null, address, "SECRET-ACME prompt " + i)));
            Await.until("the last chunk", Duration.ofSeconds(10), () -> chunks, l -> !l.isEmpty() && l.get(l.size() - 1).done());
            get(reader.unregister());
            assertThat(reply.servedBy()).isEqualTo(nodeA);
            assertThat(reply.provider()).isEqualTo("ollama");
            // Pieces that arrive while a chunk is in flight travel together: 2 to 4 chunks, numbered in order.
            assertThat(chunks.size()).isBetween(2, 4);
            for (int k = 0; k < chunks.size(); k++) {
                assertThat(chunks.get(k).seq()).isEqualTo(k);
                assertThat(chunks.get(k).done()).isEqualTo(k == chunks.size() - 1);
            }
            String streamed = chunks.stream().map(ChatChunk::delta).reduce("", String::concat);
            assertThat(streamed).isEqualTo("def add(a, b):\n    return a + b");
            assertThat(chunks.get(chunks.size() - 1).reply().content()).isEqualTo(reply.content()).isEqualTo(streamed);
        }
        assertThat(seenOnB).as("the watch on B sees what arrives there").contains(InferenceAddresses.HEARTBEAT);
        assertThat(leaks).isEmpty();
        assertThat(globexServer.received()).noneMatch(body -> body.encode().contains("SECRET-ACME"));
        assertThat(acmeServer.received()).anyMatch(body -> body.encode().contains("SECRET-ACME"));
    }

    @Test
    void aCallFromANodeWithoutProvidersIsRoutedToOneThatHasTheModel() throws Exception {
        ChatReply reply = get(send(chat(MODEL, false, null, null, "plain")));
        assertThat(reply.servedBy()).isIn(nodeA, nodeB);
        assertThat(reply.content()).isEqualTo("def add(a, b):\n    return a + b");
        assertThat(reply.completionTokens()).isEqualTo(3);
    }

    @Test
    void aRemoteProviderServesOnlyWhenTheRequestNamesItAndIsNotLocalOnly() throws Exception {
        MeshException notAllowed = failure(send(chat(CLOUD, false, null, null, "hard task")));
        assertThat(notAllowed.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(notAllowed.getMessage()).contains("allowRemote");
        assertThat(failure(send(chat(CLOUD, true, "cloud", null, "SECRET-ACME hard"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure(send(chat(CLOUD, false, "other", null, "hard task"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
        ChatReply reply = get(send(chat(CLOUD, false, "cloud", null, "hard task")));
        assertThat(reply.servedBy()).isEqualTo(nodeB);
        assertThat(reply.provider()).isEqualTo("cloud");
        assertThat(cloudServer.received()).hasSize(1);
    }

    @Test
    void badInputIsRefusedWith400AndAStreamReaderIsToldSo() throws Exception {
        List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
        String address = "test.chunks." + UUID.randomUUID();
        MessageConsumer<JsonObject> reader = get(caller.consumer(address, ChatChunk.class, c -> {
            chunks.add(c);
            return Future.succeededFuture();
        }));
        ChatRequest empty = new ChatRequest("r-bad", MODEL, List.of(), null, null, null, "acme", false, null, null, address);
        MeshException bad = failure(caller.request(InferenceAddresses.CHAT, empty, ChatReply.class));
        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.getMessage()).contains("messages");
        Await.until("the error chunk", Duration.ofSeconds(10), () -> chunks, l -> l.size() == 1);
        assertThat(chunks.get(0).done()).isTrue();
        assertThat(chunks.get(0).errorCode()).isEqualTo(400);
        get(reader.unregister());
        ChatRequest hot = new ChatRequest("r-hot", MODEL, List.of(ChatMessage.user("x")), null, 7.0, null, "acme", false, null, null, null);
        assertThat(failure(caller.request(InferenceAddresses.CHAT, hot, ChatReply.class)).getMessage()).contains("temperature");
        assertThat(failure(send(chat("nobody-serves-this", false, null, null, "x"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void cancelStopsTheProviderCallAndABusyProviderAnswers429() throws Exception {
        List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
        String address = "test.chunks." + UUID.randomUUID();
        MessageConsumer<JsonObject> reader = get(caller.consumer(address, ChatChunk.class, c -> {
            chunks.add(c);
            return Future.succeededFuture();
        }));
        ChatRequest slow = chat(SLOW, true, null, address, "take your time");
        Future<ChatReply> running = send(slow);
        Await.until("the first chunk", Duration.ofSeconds(10), () -> chunks, l -> !l.isEmpty());
        MeshException busy = failure(send(chat(SLOW, true, null, null, "me too")));
        assertThat(busy.code()).isEqualTo(ErrorCode.OVERLOADED);
        int closedBefore = slowServer.closedEarly();
        caller.publish(InferenceAddresses.CHAT_CANCEL, new ChatCancel(slow.requestId()));
        ChatReply reply = get(running);
        assertThat(reply.finishReason()).isEqualTo("cancelled");
        Await.until("the provider connection closed", Duration.ofSeconds(10), slowServer::closedEarly, n -> n == closedBefore + 1);
        Await.until("the done chunk", Duration.ofSeconds(10), () -> chunks, l -> l.get(l.size() - 1).done());
        get(reader.unregister());
    }

    @Test
    void aStreamReaderThatGoesAwayStopsTheProviderCall() throws Exception {
        List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
        String address = "test.chunks." + UUID.randomUUID();
        MessageConsumer<JsonObject> reader = get(caller.consumer(address, ChatChunk.class, c -> {
            chunks.add(c);
            return Future.succeededFuture();
        }));
        int closedBefore = slowServer.closedEarly();
        Future<ChatReply> running = send(chat(SLOW, true, null, address, "nobody will read this"));
        Await.until("the first chunk", Duration.ofSeconds(10), () -> chunks, l -> !l.isEmpty());
        get(reader.unregister());
        ChatReply reply = get(running);
        assertThat(reply.finishReason()).isEqualTo("cancelled");
        assertThat(reply.content().length()).isLessThan(100);
        Await.until("the provider connection closed", Duration.ofSeconds(10), slowServer::closedEarly, n -> n == closedBefore + 1);
    }

    private static MeshException failure(Future<?> f) throws Exception {
        try {
            get(f);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return (MeshException) e.getCause();
        }
    }

    @Test
    void aCallWithoutMaxTokensSendsTheProviderTheDefaultCapInOllamasAndOpenAisWireFormats() throws Exception {
        ChatRequest toOllama = chat(MODEL, true, null, null, "uncapped ollama");
        ChatRequest toOpenAi = chat(CLOUD, false, "cloud", null, "uncapped openai");

        get(send(new ChatRequest(toOllama.requestId(), MODEL, toOllama.messages(), null, null, null, "acme", true, null, null, null)));
        get(send(new ChatRequest(toOpenAi.requestId(), CLOUD, toOpenAi.messages(), null, null, null, "acme", false, null, "cloud", null)));

        JsonObject ollama = acmeServer.received().stream().filter(b -> b.encode().contains("uncapped ollama")).findFirst().orElseThrow();
        JsonObject openAi = cloudServer.received().stream().filter(b -> b.encode().contains("uncapped openai")).findFirst().orElseThrow();
        assertThat(ollama.getJsonObject("options").getInteger("num_predict")).isEqualTo(DEFAULT_CAP);
        assertThat(openAi.getInteger("max_tokens")).isEqualTo(DEFAULT_CAP);
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
