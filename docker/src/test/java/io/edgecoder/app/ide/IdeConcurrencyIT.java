package io.edgecoder.app.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many IDE streams at once on a real node whose endpoint runs as four instances on one port and whose
 * inference role runs its provider calls on two event loops of its own: 64 streamed calls started together
 * (half Ollama NDJSON, half OpenAI server-sent events) all end, each with every token of the model's answer
 * in order; the calls were spread over several endpoint instances; a caller that goes away in the middle
 * of a stream meanwhile still stops its provider call, and every place is given back.
 */
class IdeConcurrencyIT {
    private static final int STREAMS = 64;
    private static final int INSTANCES = 4;
    private static final List<String> TOKENS = IntStream.range(0, 24).mapToObj(i -> "t" + i + " ").toList();
    private static Vertx outside;
    private static FakeModelServer models;
    private static IdeNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(20)).build();

    @BeforeAll
    static void start() throws Exception {
        outside = Vertx.vertx();
        models = new FakeModelServer(TOKENS, 2);
        models.start(outside).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        node = IdeNode.start(models, Map.of(ConfigKeys.IDE_INSTANCES, String.valueOf(INSTANCES),
            ConfigKeys.INFERENCE_STREAM_LOOPS, "2", ConfigKeys.INFERENCE_MAX_CONCURRENT, "256", ConfigKeys.IDE_MAX_IN_FLIGHT, "512"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        outside.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void manyConcurrentStreamsAcrossInstancesEachGetEveryTokenInOrderAndACancelledOneFreesItsProviderCall() throws Exception {
        int abandonedBefore = models.abandoned();
        Socket leaving = node.openSlowStream();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            calls.add(i % 2 == 0 ? send("/api/chat", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, true))
                : send("/v1/chat/completions", IdeNode.chatBody(FakeModelServer.OPENAI_MODEL, true)));
        }
        leaving.close();

        String expected = String.join("", TOKENS);
        for (int i = 0; i < STREAMS; i++) {
            HttpResponse<String> response = calls.get(i).get(120, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as("stream %d: %s", i, response.body()).isEqualTo(200);
            assertThat(i % 2 == 0 ? ollamaText(response.body()) : openAiText(response.body())).as("stream %d in order", i)
                .isEqualTo(expected);
        }
        assertThat(node.node.ide().instances()).isEqualTo(INSTANCES);
        assertThat(node.node.ide().startedPerInstance()).as("calls per endpoint instance").filteredOn(n -> n > 0).hasSizeGreaterThan(1);
        Await.until("the model server to see the cancelled stream's provider call closed", Duration.ofSeconds(30),
            models::abandoned, n -> n >= abandonedBefore + 1);
        Await.until("every call's place given back", Duration.ofSeconds(30), () -> node.node.ide().inFlight(), n -> n == 0);
    }

    private CompletableFuture<HttpResponse<String>> send(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(node.ideUrl() + path)).timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + node.adminToken).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text of an Ollama NDJSON stream, which must end with a line marked done. */
    private static String ollamaText(String body) {
        List<JsonObject> lines = IdeNode.lines(body).stream().map(JsonObject::new).toList();
        assertThat(lines.get(lines.size() - 1).getBoolean("done")).as(body).isTrue();
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.getJsonObject("message", new JsonObject()).getString("content", "")));
        return text.toString();
    }

    /** The text of an OpenAI event stream, which must end with {@code data: [DONE]}. */
    private static String openAiText(String body) {
        List<String> events = IdeNode.lines(body);
        assertThat(events.get(events.size() - 1)).as(body).isEqualTo("data: [DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonObject chunk = new JsonObject(event.substring("data: ".length()));
            if (chunk.getJsonArray("choices") != null && !chunk.getJsonArray("choices").isEmpty()) {
                text.append(chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta", new JsonObject()).getString("content", ""));
            }
        }
        return text.toString();
    }
}
