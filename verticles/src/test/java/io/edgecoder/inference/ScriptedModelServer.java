package io.edgecoder.inference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process model server that speaks the exact wire formats of Ollama's native API
 * ({@code /api/tags}, {@code /api/show}, {@code /api/chat} with NDJSON streaming) and of an
 * OpenAI-compatible server ({@code /v1/models}, {@code /v1/chat/completions} with server-sent
 * events), with scripted trouble: busy (503), a stream cut halfway, a hang, an error in the stream.
 * It records every request body it receives, so tests can tell which prompts reached it.
 */
public final class ScriptedModelServer {
    /** What the next chat calls do. */
    public enum Mode { NORMAL, BUSY, CUT, HANG, STREAM_ERROR }

    public static final String MODEL = "qwen2.5-coder:7b";

    private final Vertx vertx;
    private HttpServer server;
    private volatile Mode mode = Mode.NORMAL;
    private volatile List<String> tokens = List.of("def ", "add(a, b):", "\n    return a + b");
    private volatile List<String> models = List.of(MODEL);
    private volatile long tokenDelayMs = 1;
    private volatile boolean stamped;
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedEarly = new AtomicInteger();

    private ScriptedModelServer(Vertx vertx) {
        this.vertx = vertx;
    }

    public static Future<ScriptedModelServer> start(Vertx vertx) {
        ScriptedModelServer s = new ScriptedModelServer(vertx);
        return vertx.createHttpServer().requestHandler(s::handle).listen(0, "127.0.0.1").map(server -> {
            s.server = server;
            return s;
        });
    }

    public String ollamaUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public String openAiUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    public ScriptedModelServer mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    public ScriptedModelServer tokens(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        return this;
    }

    public ScriptedModelServer models(List<String> models) {
        this.models = List.copyOf(models);
        return this;
    }

    /** Each piece is the server's {@code System.nanoTime()} when it was written and a ';' (benchmarks in the same JVM). */
    public ScriptedModelServer stamped(boolean stamped) {
        this.stamped = stamped;
        return this;
    }

    public ScriptedModelServer tokenDelayMs(long millis) {
        this.tokenDelayMs = millis;
        return this;
    }

    /** Every chat request body received, in order. */
    public List<JsonObject> received() {
        return new ArrayList<>(received);
    }

    /** Chat calls whose client closed the connection before the answer was complete. */
    public int closedEarly() {
        return closedEarly.get();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (req.method().name().equals("GET") && path.equals("/api/tags")) {
            json(req.response(), 200, tags());
        } else if (req.method().name().equals("GET") && path.equals("/v1/models")) {
            json(req.response(), 200, openAiModels());
        } else if (path.equals("/api/show")) {
            req.body().onSuccess(b -> show(req.response(), b.toJsonObject()));
        } else if (path.equals("/api/chat") || path.equals("/v1/chat/completions")) {
            boolean ollama = path.equals("/api/chat");
            req.body().onSuccess(b -> chat(req, ollama, b.toJsonObject()));
        } else {
            json(req.response(), 404, new JsonObject().put("error", "404 page not found"));
        }
    }

    private JsonObject tags() {
        JsonArray list = new JsonArray();
        for (String m : models) {
            list.add(new JsonObject().put("name", m).put("model", m).put("modified_at", "2026-11-30T10:00:00.000000000Z")
                .put("size", 4_683_087_332L).put("digest", "sha256:" + Integer.toHexString(m.hashCode()))
                .put("details", new JsonObject().put("parent_model", "").put("format", "gguf").put("family", "qwen2")
                    .put("families", new JsonArray().add("qwen2")).put("parameter_size", "7.6B").put("quantization_level", "Q4_K_M")));
        }
        return new JsonObject().put("models", list);
    }

    private JsonObject openAiModels() {
        JsonArray data = new JsonArray();
        for (String m : models) {
            data.add(new JsonObject().put("id", m).put("object", "model").put("created", 1_764_000_000L).put("owned_by", "llamacpp")
                .put("meta", new JsonObject().put("vocab_type", 2).put("n_ctx_train", 32768).put("size", 4_683_087_332L)));
        }
        return new JsonObject().put("object", "list").put("data", data);
    }

    private void show(HttpServerResponse response, JsonObject body) {
        if (!models.contains(body.getString("model"))) {
            json(response, 404, new JsonObject().put("error", "model '" + body.getString("model") + "' not found"));
            return;
        }
        json(response, 200, new JsonObject().put("modelfile", "FROM x").put("parameters", "").put("template", "{{ .Prompt }}")
            .put("details", new JsonObject().put("format", "gguf").put("quantization_level", "Q4_K_M"))
            .put("model_info", new JsonObject().put("general.architecture", "qwen2").put("qwen2.context_length", 32768)
                .put("qwen2.embedding_length", 3584)));
    }

    private void chat(HttpServerRequest req, boolean ollama, JsonObject body) {
        received.add(body);
        HttpServerResponse response = req.response();
        String model = body.getString("model");
        if (mode == Mode.BUSY) {
            json(response, 503, ollama ? new JsonObject().put("error", "server busy, please try again.  maximum pending requests exceeded")
                : new JsonObject().put("error", new JsonObject().put("message", "server busy").put("type", "unavailable_error")));
            return;
        }
        if (!models.contains(model)) {
            json(response, 404, ollama ? new JsonObject().put("error", "model \"" + model + "\" not found, try pulling it first")
                : new JsonObject().put("error", new JsonObject().put("message", "The model `" + model + "` does not exist")
                    .put("type", "invalid_request_error").put("code", "model_not_found")));
            return;
        }
        response.closeHandler(v -> {
            if (!response.ended()) {
                closedEarly.incrementAndGet();
            }
        });
        if (!body.getBoolean("stream", !ollama)) {
            if (mode != Mode.HANG) {
                json(response, 200, ollama ? ollamaWhole(model) : openAiWhole(model));
            }
            return;
        }
        response.setChunked(true).putHeader("content-type", ollama ? "application/x-ndjson" : "text/event-stream");
        stream(response, ollama, model, 0);
    }

    private void stream(HttpServerResponse response, boolean ollama, String model, int index) {
        if (response.closed()) {
            return;
        }
        List<String> pieces = tokens;
        if (mode == Mode.CUT && index == pieces.size() / 2 + 1) {
            response.reset();
            return;
        }
        if (mode == Mode.HANG && index == 1) {
            return;
        }
        if (mode == Mode.STREAM_ERROR && index == 1) {
            response.end(ollama ? new JsonObject().put("error", "llama runner process has terminated").encode() + "\n"
                : "data: " + new JsonObject().put("error", new JsonObject().put("message", "out of memory")).encode() + "\n\n");
            return;
        }
        if (index < pieces.size()) {
            String piece = stamped ? System.nanoTime() + ";" : pieces.get(index);
            response.write(ollama ? ollamaPiece(model, piece) : openAiPiece(model, piece));
            vertx.setTimer(Math.max(1, tokenDelayMs), t -> stream(response, ollama, model, index + 1));
            return;
        }
        response.end(ollama ? ollamaLast(model) : openAiLast(model));
    }

    private String ollamaPiece(String model, String text) {
        return new JsonObject().put("model", model).put("created_at", "2026-12-07T03:00:00.000000Z")
            .put("message", new JsonObject().put("role", "assistant").put("content", text)).put("done", false).encode() + "\n";
    }

    private String ollamaLast(String model) {
        return new JsonObject().put("model", model).put("created_at", "2026-12-07T03:00:01.000000Z")
            .put("message", new JsonObject().put("role", "assistant").put("content", "")).put("done_reason", "stop").put("done", true)
            .put("total_duration", 1_200_000_000L).put("load_duration", 2_000_000L).put("prompt_eval_count", 26)
            .put("prompt_eval_duration", 100_000_000L).put("eval_count", tokens.size()).put("eval_duration", 900_000_000L).encode() + "\n";
    }

    private JsonObject ollamaWhole(String model) {
        return new JsonObject().put("model", model).put("created_at", "2026-12-07T03:00:01.000000Z")
            .put("message", new JsonObject().put("role", "assistant").put("content", String.join("", tokens)))
            .put("done_reason", "stop").put("done", true).put("total_duration", 1_200_000_000L)
            .put("prompt_eval_count", 26).put("eval_count", tokens.size());
    }

    private String openAiPiece(String model, String text) {
        return "data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 1_765_000_000L)
            .put("model", model).put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("delta", new JsonObject().put("content", text)).putNull("finish_reason"))).encode() + "\n\n";
    }

    private String openAiLast(String model) {
        String stop = "data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
            .put("created", 1_765_000_000L).put("model", model).put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("delta", new JsonObject()).put("finish_reason", "stop"))).encode() + "\n\n";
        String usage = "data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
            .put("created", 1_765_000_000L).put("model", model).put("choices", new JsonArray())
            .put("usage", new JsonObject().put("prompt_tokens", 26).put("completion_tokens", tokens.size())
                .put("total_tokens", 26 + tokens.size())).encode() + "\n\n";
        return stop + usage + "data: [DONE]\n\n";
    }

    private JsonObject openAiWhole(String model) {
        return new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1_765_000_000L).put("model", model)
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("message", new JsonObject().put("role", "assistant").put("content", String.join("", tokens)))
                .put("finish_reason", "stop")))
            .put("usage", new JsonObject().put("prompt_tokens", 26).put("completion_tokens", tokens.size())
                .put("total_tokens", 26 + tokens.size()));
    }

    private static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
