package io.edgecoder.app.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IDE endpoint's protocol details on a real node (real inference role, model server faked as
 * an outside service): Ollama's NDJSON streams and {@code "stream": false}, OpenAI's server-sent
 * events, a missing model (404) and a busy provider (429 with Retry-After) in each protocol's shape,
 * personal tokens and their scopes, the node's bound on calls held at once, and a client that goes
 * away in the middle of a stream, which stops the provider call.
 */
class IdeEndpointIT {
    private static Vertx outside;
    private static FakeModelServer models;
    private static IdeNode node;

    @BeforeAll
    static void start() throws Exception {
        outside = Vertx.vertx();
        models = new FakeModelServer(List.of("def ", "add", "(a, b):", "\n    return a + b\n"), 2);
        models.start(outside).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        node = IdeNode.start(models, Map.of(ConfigKeys.IDE_MAX_IN_FLIGHT, "2"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        outside.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void ollamaRoutesStreamJsonLinesByDefaultAndAnswerWholeWithStreamFalse() throws Exception {
        HttpResponse<String> streamed = node.call(node.adminToken, "POST", "/api/generate",
            new JsonObject().put("model", FakeModelServer.OLLAMA_MODEL).put("prompt", "write add").encode());
        HttpResponse<String> whole = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, false));

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonObject> lines = IdeNode.lines(streamed.body()).stream().map(JsonObject::new).toList();
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines.subList(0, lines.size() - 1)).allSatisfy(l -> assertThat(l.getBoolean("done")).isFalse());
        assertThat(lines.get(lines.size() - 1).getBoolean("done")).isTrue();
        assertThat(lines.get(lines.size() - 1).getInteger("eval_count")).isEqualTo(4);
        assertThat(lines.stream().map(l -> l.getString("response")).reduce("", String::concat)).isEqualTo(String.join("", models.tokens()));
        assertThat(whole.statusCode()).isEqualTo(200);
        JsonObject answer = new JsonObject(whole.body());
        assertThat(answer.getBoolean("done")).isTrue();
        assertThat(answer.getJsonObject("message").getString("content")).isEqualTo(String.join("", models.tokens()));
    }

    @Test
    void openAiStreamsAreServerSentEventsEndingWithDone() throws Exception {
        HttpResponse<String> streamed = node.call(node.adminToken, "POST", "/v1/chat/completions",
            IdeNode.chatBody(FakeModelServer.OPENAI_MODEL, true));

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = IdeNode.lines(streamed.body());
        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        assertThat(new JsonObject(events.get(0).substring(6)).getString("object")).isEqualTo("chat.completion.chunk");
    }

    @Test
    void aMissingModelIs404AndABusyProviderIs429WithRetryAfterInEachProtocol() throws Exception {
        HttpResponse<String> openAiMissing = node.call(node.adminToken, "POST", "/v1/chat/completions", IdeNode.chatBody("no-such-model", true));
        HttpResponse<String> ollamaMissing = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody("no-such-model", true));
        HttpResponse<String> openAiBusy = node.call(node.adminToken, "POST", "/v1/chat/completions",
            IdeNode.chatBody(FakeModelServer.BUSY_MODEL, false));
        HttpResponse<String> ollamaBusy = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.BUSY_MODEL, true));

        assertThat(openAiMissing.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(openAiMissing.body()).getJsonObject("error").getString("message")).contains("no-such-model");
        assertThat(new JsonObject(openAiMissing.body()).getJsonObject("error").getString("code")).isEqualTo("model_not_found");
        assertThat(ollamaMissing.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(ollamaMissing.body()).getString("error")).contains("no-such-model");
        assertThat(openAiBusy.statusCode()).as(openAiBusy.body()).isEqualTo(429);
        assertThat(openAiBusy.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(ollamaBusy.statusCode()).as(ollamaBusy.body()).isEqualTo(429);
        assertThat(ollamaBusy.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aPersonalTokenWithTheJobsScopeCallsAndAReadOnlyTokenOnlyLists() throws Exception {
        String jobs = node.personalToken("coder@example.org", "jobs");
        String reader = node.personalToken("reader@example.org", "read");

        HttpResponse<String> call = node.call(jobs, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, false));
        HttpResponse<String> list = node.call(reader, "GET", "/api/tags", null);
        HttpResponse<String> refused = node.call(reader, "POST", "/v1/chat/completions", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, false));

        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(FakeModelServer.OLLAMA_MODEL);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("message")).contains("jobs scope");
    }

    @Test
    void aClientThatGoesAwayMidStreamStopsTheProviderCallAndTheNodeBoundsCallsHeld() throws Exception {
        int before = models.abandoned();
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(node.openSlowStream());
        }

        HttpResponse<String> third = node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.SLOW_MODEL, true));
        for (Socket s : held) {
            s.close();
        }

        assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
        assertThat(new JsonObject(third.body()).getString("error")).contains("ide.max.in.flight");
        Await.until("the model server to see both calls stopped", Duration.ofSeconds(30), models::abandoned, n -> n >= before + 2);
        Await.until("the endpoint to take calls again", Duration.ofSeconds(30),
            () -> node.call(node.adminToken, "POST", "/api/chat", IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, false)).statusCode(),
            status -> status == 200);
    }
}
