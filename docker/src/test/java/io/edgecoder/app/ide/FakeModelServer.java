package io.edgecoder.app.ide;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server for the IDE endpoint's tests and benchmark: an outside service, faked in-process
 * on a Vert.x HTTP server speaking the real wire formats. Ollama's native API ({@code GET /api/tags},
 * {@code POST /api/show}, {@code POST /api/chat}: one JSON object, or NDJSON lines when streamed) and
 * an OpenAI-compatible server under {@code /v1} ({@code GET /v1/models},
 * {@code POST /v1/chat/completions}: JSON, or server-sent events ending {@code data: [DONE]}).
 * The answer is a fixed list of tokens, one every {@code tokenDelayMs} when streamed; a model named
 * {@link #BUSY_MODEL} is answered 503 (busy), a model it does not know 404. It counts the chat calls
 * whose connection the caller closed before the answer ended (a cancelled call).
 */
public final class FakeModelServer {
    public static final String OLLAMA_MODEL = "qwen2.5-coder:7b";
    public static final String OPENAI_MODEL = "llama-3.1-8b-instruct";
    public static final String BUSY_MODEL = "busy-model";
    /** A model that streams 400 tokens 50 ms apart (20 s): long enough to go away in the middle. */
    public static final String SLOW_MODEL = "slow-model";

    private final List<String> tokens;
    private final long tokenDelayMs;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;
    private Vertx vertx;
    private volatile boolean stamped;

    public FakeModelServer(List<String> tokens, long tokenDelayMs) {
        this.tokens = List.copyOf(tokens);
        this.tokenDelayMs = tokenDelayMs;
    }

    public Future<FakeModelServer> start(Vertx vertx) {
        this.vertx = vertx;
        return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").map(s -> {
            server = s;
            return this;
        });
    }

    public String ollamaUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public String openAiUrl() {
        return ollamaUrl() + "/v1";
    }

    /**
     * From now on every streamed token is the {@link System#nanoTime} at which it was written, then
     * {@code |}: a client in the same JVM measures each token's delay (the benchmark).
     */
    public FakeModelServer stamped() {
        stamped = true;
        return this;
    }

    public List<String> tokens() {
        return tokens;
    }

    /** Chat request bodies received so far. */
    public List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** Chat calls whose caller closed the connection before the answer ended. */
    public int abandoned() {
        return abandoned.get();
    }

    public int calls() {
        return calls.get();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/api/tags")) {
            json(request.response(), tags());
        } else if (path.equals("/v1/models")) {
            json(request.response(), models());
        } else if (path.equals("/api/show")) {
            json(request.response(), new JsonObject().put("model_info", new JsonObject().put("qwen2.context_length", 32768)));
        } else if (path.equals("/api/chat") || path.equals("/v1/chat/completions")) {
            request.body().onSuccess(body -> chat(request, body.toJsonObject(), path.startsWith("/v1")));
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private static JsonObject tags() {
        JsonObject details = new JsonObject().put("format", "gguf").put("family", "qwen2").put("parameter_size", "7.6B")
            .put("quantization_level", "Q4_K_M");
        return new JsonObject().put("models", new JsonArray()
            .add(new JsonObject().put("name", OLLAMA_MODEL).put("model", OLLAMA_MODEL).put("size", 4_683_087_332L)
                .put("digest", "dae161e27b0e").put("modified_at", "2025-01-01T00:00:00Z").put("details", details))
            .add(new JsonObject().put("name", BUSY_MODEL).put("model", BUSY_MODEL).put("size", 1).put("digest", "b")
                .put("details", details))
            .add(new JsonObject().put("name", SLOW_MODEL).put("model", SLOW_MODEL).put("size", 1).put("digest", "s")
                .put("details", details)));
    }

    private static JsonObject models() {
        return new JsonObject().put("object", "list").put("data", new JsonArray()
            .add(new JsonObject().put("id", OPENAI_MODEL).put("object", "model").put("created", 0).put("owned_by", "fake")));
    }

    private void chat(HttpServerRequest request, JsonObject body, boolean openAi) {
        calls.incrementAndGet();
        received.add(body);
        String model = body.getString("model");
        HttpServerResponse response = request.response();
        if (BUSY_MODEL.equals(model)) {
            response.setStatusCode(503).end(openAi ? "{\"error\":{\"message\":\"busy\"}}" : "{\"error\":\"server busy\"}");
            return;
        }
        boolean slow = !openAi && SLOW_MODEL.equals(model);
        if (!slow && !(openAi ? OPENAI_MODEL : OLLAMA_MODEL).equals(model)) {
            response.setStatusCode(404).end(openAi ? "{\"error\":{\"message\":\"model not found\"}}"
                : "{\"error\":\"model '" + model + "' not found\"}");
            return;
        }
        boolean stream = body.getBoolean("stream", !openAi);
        if (!stream) {
            json(response, openAi ? openAiWhole(model) : ollamaWhole(model));
            return;
        }
        response.setChunked(true).putHeader("Content-Type", openAi ? "text/event-stream" : "application/x-ndjson");
        boolean[] ended = {false};
        response.closeHandler(v -> {
            if (!ended[0]) {
                abandoned.incrementAndGet();
            }
        });
        if (slow) {
            slowFrom(response, model, 0, ended);
        } else {
            streamFrom(response, model, openAi, 0, ended);
        }
    }

    private void slowFrom(HttpServerResponse response, String model, int i, boolean[] ended) {
        if (response.closed()) {
            return;
        }
        if (i == 400) {
            ended[0] = true;
            response.end(ollamaEnd(model).encode() + "\n");
            return;
        }
        response.write(ollamaPiece(model, "t" + i + " ").encode() + "\n");
        vertx.setTimer(50, t -> slowFrom(response, model, i + 1, ended));
    }

    private void streamFrom(HttpServerResponse response, String model, boolean openAi, int i, boolean[] ended) {
        if (response.closed()) {
            return;
        }
        if (i == tokens.size()) {
            ended[0] = true;
            response.end(openAi ? sse(openAiEnd(model)) + "data: [DONE]\n\n" : ollamaEnd(model).encode() + "\n");
            return;
        }
        String token = stamped ? System.nanoTime() + "|" : tokens.get(i);
        response.write(openAi ? sse(openAiPiece(model, token)) : ollamaPiece(model, token).encode() + "\n");
        if (tokenDelayMs <= 0) {
            streamFrom(response, model, openAi, i + 1, ended);
        } else {
            vertx.setTimer(tokenDelayMs, t -> streamFrom(response, model, openAi, i + 1, ended));
        }
    }

    private String content() {
        return String.join("", tokens);
    }

    private static String sse(JsonObject event) {
        return "data: " + event.encode() + "\n\n";
    }

    private JsonObject ollamaWhole(String model) {
        return ollamaEnd(model).put("message", new JsonObject().put("role", "assistant").put("content", content()));
    }

    private static JsonObject ollamaPiece(String model, String token) {
        return new JsonObject().put("model", model).put("created_at", Instant.now().toString())
            .put("message", new JsonObject().put("role", "assistant").put("content", token)).put("done", false);
    }

    private JsonObject ollamaEnd(String model) {
        return new JsonObject().put("model", model).put("created_at", Instant.now().toString())
            .put("message", new JsonObject().put("role", "assistant").put("content", "")).put("done", true)
            .put("done_reason", "stop").put("prompt_eval_count", 11).put("eval_count", tokens.size());
    }

    private JsonObject openAiWhole(String model) {
        return new JsonObject().put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1).put("model", model)
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("message", new JsonObject().put("role", "assistant").put("content", content())).put("finish_reason", "stop")))
            .put("usage", usage());
    }

    private JsonObject usage() {
        return new JsonObject().put("prompt_tokens", 11).put("completion_tokens", tokens.size()).put("total_tokens", 11 + tokens.size());
    }

    private static JsonObject openAiPiece(String model, String token) {
        return new JsonObject().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1).put("model", model)
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", new JsonObject().put("content", token))
                .putNull("finish_reason")));
    }

    private JsonObject openAiEnd(String model) {
        return new JsonObject().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1).put("model", model)
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", new JsonObject())
                .put("finish_reason", "stop"))).put("usage", usage());
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        response.putHeader("Content-Type", "application/json").end(body.encode());
    }
}
