package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.inference.impl.ProviderHttp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every model provider must do, written once and run against each wire protocol
 * (Ollama's native API, OpenAI-compatible) on a {@link ScriptedModelServer}.
 */
abstract class ModelProviderContract {
    protected Vertx vertx;
    protected ScriptedModelServer server;
    private Context context;

    /** The provider under test, talking to {@code server}. */
    abstract ModelProvider provider(ScriptedModelServer server, ProviderHttp http);

    /** Whether the request body the server received asked for a stream. */
    abstract boolean askedToStream(JsonObject body);

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        server = get(ScriptedModelServer.start(vertx));
    }

    @AfterEach
    void stop() throws Exception {
        get(vertx.close());
    }

    ModelProvider provider(Duration idle) {
        return provider(server, new ProviderHttp(vertx, vertx.createHttpClient(new HttpClientOptions(), new PoolOptions()),
            Duration.ofSeconds(2), idle));
    }

    ModelProvider provider() {
        return provider(Duration.ofSeconds(10));
    }

    static ChatRequest request(String model) {
        return new ChatRequest("r-1", model, List.of(ChatMessage.system("You write Python."), ChatMessage.user("write add(a, b)")),
            64, 0.2, null, "local", false, null, null, null);
    }

    @Test
    void listsItsModelsWithWhatTheServerTells() {
        List<ProviderModel> models = onLoop(() -> provider().models());
        assertThat(models).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo(ScriptedModelServer.MODEL);
            assertThat(m.contextLength()).isEqualTo(32768);
            assertThat(m.sizeBytes()).isEqualTo(4_683_087_332L);
        });
    }

    @Test
    void answersWholeWithContentTokensAndFinishReason() {
        Completion done = onLoop(() -> provider().chat(request(ScriptedModelServer.MODEL), null, new CallControl()));
        assertThat(done.content()).isEqualTo("def add(a, b):\n    return a + b");
        assertThat(done.promptTokens()).isEqualTo(26);
        assertThat(done.completionTokens()).isEqualTo(3);
        assertThat(done.finishReason()).isEqualTo("stop");
        JsonObject sent = server.received().get(0);
        assertThat(askedToStream(sent)).isFalse();
        assertThat(sent.getString("model")).isEqualTo(ScriptedModelServer.MODEL);
        assertThat(sent.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("write add(a, b)");
    }

    @Test
    void streamsEveryPieceInOrder() {
        List<String> pieces = new CopyOnWriteArrayList<>();
        Completion done = onLoop(() -> provider().chat(request(ScriptedModelServer.MODEL), pieces::add, new CallControl()));
        assertThat(pieces).containsExactly("def ", "add(a, b):", "\n    return a + b");
        assertThat(done.content()).isEqualTo(String.join("", pieces));
        assertThat(done.chunks()).isEqualTo(3);
        assertThat(done.completionTokens()).isEqualTo(3);
        assertThat(done.finishReason()).isEqualTo("stop");
        assertThat(askedToStream(server.received().get(0))).isTrue();
    }

    @Test
    void aModelTheServerDoesNotHaveIsNotFound() {
        assertFails(() -> provider().chat(request("no-such-model"), null, new CallControl()), ErrorCode.NOT_FOUND, "no-such-model");
        assertFails(() -> provider().chat(request("no-such-model"), p -> { }, new CallControl()), ErrorCode.NOT_FOUND, "no-such-model");
    }

    @Test
    void aBusyServerIsOverloaded() {
        server.mode(ScriptedModelServer.Mode.BUSY);
        assertFails(() -> provider().chat(request(ScriptedModelServer.MODEL), p -> { }, new CallControl()), ErrorCode.OVERLOADED, "busy");
    }

    @Test
    void aStreamCutHalfwayFailsAfterThePiecesThatCame() {
        server.mode(ScriptedModelServer.Mode.CUT).tokens(List.of("a", "b", "c", "d", "e", "f"));
        List<String> pieces = new CopyOnWriteArrayList<>();
        assertFails(() -> provider().chat(request(ScriptedModelServer.MODEL), pieces::add, new CallControl()),
            ErrorCode.UNAVAILABLE, "broke off after 4 chunks");
        assertThat(pieces).containsExactly("a", "b", "c", "d");
    }

    @Test
    void anErrorInsideTheStreamFailsTheCall() {
        server.mode(ScriptedModelServer.Mode.STREAM_ERROR);
        assertFails(() -> provider().chat(request(ScriptedModelServer.MODEL), p -> { }, new CallControl()),
            ErrorCode.UNAVAILABLE, "reported an error");
    }

    @Test
    void aServerThatIsDownIsUnavailable() throws Exception {
        ModelProvider provider = provider();
        get(server.close());
        assertFails(() -> provider.chat(request(ScriptedModelServer.MODEL), null, new CallControl()), ErrorCode.UNAVAILABLE, "down");
        assertFails(provider::models, ErrorCode.UNAVAILABLE, "down");
    }

    @Test
    void aSilentServerTimesOut() {
        server.mode(ScriptedModelServer.Mode.HANG);
        assertFails(() -> provider(Duration.ofMillis(300)).chat(request(ScriptedModelServer.MODEL), p -> { }, new CallControl()),
            ErrorCode.TIMEOUT, "in time");
    }

    @Test
    void cancellingStopsTheCallAndClosesTheConnection() throws Exception {
        server.mode(ScriptedModelServer.Mode.HANG);
        CallControl control = new CallControl();
        List<String> pieces = new CopyOnWriteArrayList<>();
        Promise<Completion> result = Promise.promise();
        context.runOnContext(v -> provider().chat(request(ScriptedModelServer.MODEL), pieces::add, control).onComplete(result));
        Await.until("the first piece", Duration.ofSeconds(10), pieces::size, n -> n == 1);
        context.runOnContext(v -> control.cancel());
        Completion done = get(result.future());
        assertThat(done.finishReason()).isEqualTo("cancelled");
        assertThat(done.content()).isEqualTo("def ");
        Await.until("the server sees the connection closed", Duration.ofSeconds(10), server::closedEarly, n -> n == 1);
    }

    @Test
    void anAbortedCallFailsWithItsReason() throws Exception {
        server.mode(ScriptedModelServer.Mode.HANG);
        CallControl control = new CallControl();
        List<String> pieces = new CopyOnWriteArrayList<>();
        Promise<Completion> result = Promise.promise();
        context.runOnContext(v -> provider().chat(request(ScriptedModelServer.MODEL), pieces::add, control).onComplete(result));
        Await.until("the first piece", Duration.ofSeconds(10), pieces::size, n -> n == 1);
        context.runOnContext(v -> control.abort(new MeshException(ErrorCode.TIMEOUT, "too slow")));
        assertThatThrownBy(() -> get(result.future())).hasCauseInstanceOf(MeshException.class).hasMessageContaining("too slow");
    }

    private void assertFails(Supplier<Future<?>> call, ErrorCode code, String text) {
        assertThatThrownBy(() -> onLoop(call::get))
            .isInstanceOfSatisfying(MeshException.class, e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.getMessage()).contains(text);
            });
    }

    /** Runs {@code call} on one event loop (as a verticle would) and waits for its result. */
    @SuppressWarnings("unchecked")
    <T> T onLoop(Supplier<? extends Future<?>> call) {
        Promise<Object> result = Promise.promise();
        context.runOnContext(v -> call.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.fail(ar.cause());
            }
        }));
        try {
            return (T) result.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static Consumer<String> ignore() {
        return p -> { };
    }
}
