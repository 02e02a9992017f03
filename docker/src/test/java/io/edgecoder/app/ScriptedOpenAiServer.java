package io.edgecoder.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A model server for tests, speaking the OpenAI wire format ({@code GET /v1/models},
 * {@code POST /v1/chat/completions}, JSON or SSE when the request asks to stream): an outside
 * service, so it may be scripted. Each chat request takes the next scripted answer (a content, or an
 * HTTP error status); the last one repeats. Every request body is kept for the test to inspect.
 */
public final class ScriptedOpenAiServer {
    /** One scripted answer: the assistant's content, or an HTTP status with an OpenAI error body. */
    public record Answer(String content, int status) {
        public static Answer says(String content) {
            return new Answer(content, 200);
        }

        public static Answer fails(int status) {
            return new Answer(null, status);
        }

        /** No answer at all: the request stays open until the caller goes away. */
        public static Answer hangs() {
            return new Answer(null, 0);
        }
    }

    private final String model;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<JsonObject> received = new ArrayList<>();
    private int abandoned;
    private HttpServer server;

    public ScriptedOpenAiServer(String model, List<Answer> answers) {
        this.model = model;
        script.addAll(answers);
    }

    public Future<ScriptedOpenAiServer> start(Vertx vertx) {
        return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
            .map(s -> {
                server = s;
                return this;
            });
    }

    public String model() {
        return model;
    }

    /** The provider URL for {@code --provider NAME=URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    public synchronized List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** The text of every message of every chat request received. */
    synchronized String everythingSaid() {
        StringBuilder out = new StringBuilder();
        received.forEach(r -> r.getJsonArray("messages", new JsonArray())
            .forEach(m -> out.append(((JsonObject) m).getString("content")).append('\n')));
        return out.toString();
    }

    private synchronized void abandon() {
        abandoned++;
    }

    /** Requests left unanswered whose caller closed them. */
    public synchronized int abandoned() {
        return abandoned;
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        if (request.method().name().equals("GET") && request.path().equals("/v1/models")) {
            JsonObject entry = new JsonObject().put("id", model).put("object", "model").put("created", 0).put("owned_by", "test");
            json(request, 200, new JsonObject().put("object", "list").put("data", new JsonArray().add(entry)));
        } else if (request.method().name().equals("POST") && request.path().equals("/v1/chat/completions")) {
            request.body().onSuccess(body -> chat(request, body.toJsonObject()));
        } else {
            json(request, 404, error("not found", "invalid_request_error"));
        }
    }

    private void chat(HttpServerRequest request, JsonObject body) {
        Answer answer;
        synchronized (this) {
            received.add(body);
            answer = script.size() > 1 ? script.poll() : script.peek();
        }
        if (!model.equals(body.getString("model"))) {
            json(request, 404, error("The model `" + body.getString("model") + "` does not exist", "invalid_request_error"));
        } else if (answer.status() == 0) {
            request.response().closeHandler(v -> abandon());
        } else if (answer.status() != 200) {
            json(request, answer.status(), error("scripted failure " + answer.status(), "server_error"));
        } else if (body.getBoolean("stream", false)) {
            stream(request, answer.content());
        } else {
            json(request, 200, completion(answer.content()));
        }
    }

    private JsonObject completion(String content) {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
        return new JsonObject().put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 0).put("model", model)
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
                .put("finish_reason", "stop")))
            .put("usage", new JsonObject().put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120));
    }

    private void stream(HttpServerRequest request, String content) {
        var response = request.response().putHeader("Content-Type", "text/event-stream").setChunked(true);
        int half = content.length() / 2;
        for (String piece : List.of(content.substring(0, half), content.substring(half))) {
            JsonObject delta = new JsonObject().put("content", piece);
            response.write("data: " + chunk(delta, null).encode() + "\n\n");
        }
        JsonObject last = chunk(new JsonObject(), "stop")
            .put("usage", new JsonObject().put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120));
        response.write("data: " + last.encode() + "\n\n");
        response.end("data: [DONE]\n\n");
    }

    private JsonObject chunk(JsonObject delta, String finish) {
        return new JsonObject().put("id", "chatcmpl-test").put("object", "chat.completion.chunk").put("created", 0)
            .put("model", model).put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
                .put("finish_reason", finish)));
    }

    private static JsonObject error(String message, String type) {
        return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** The {@code --provider} list ({@code name=url,...}) of {@code servers}, each provider named after its model. */
    public static String providers(ScriptedOpenAiServer... servers) {
        return java.util.Arrays.stream(servers).map(s -> s.model() + "=" + s.url()).collect(java.util.stream.Collectors.joining(","));
    }
}
