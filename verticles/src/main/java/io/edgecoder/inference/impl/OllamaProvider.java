package io.edgecoder.inference.impl;

import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.inference.CallControl;
import io.edgecoder.inference.Completion;
import io.edgecoder.inference.ModelProvider;
import io.edgecoder.inference.ProviderConfig;
import io.edgecoder.inference.ProviderModel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An Ollama server's native API: {@code GET /api/tags} (models with size and quantisation),
 * {@code POST /api/show} (context length, asked once per model digest), {@code POST /api/chat},
 * streamed as newline-delimited JSON objects, the last with {@code "done": true}.
 */
public final class OllamaProvider implements ModelProvider {
    private final ProviderConfig config;
    private final ProviderHttp http;
    /** Context length per "name@digest": /api/show is asked once per model version. */
    private final Map<String, Integer> contexts = new ConcurrentHashMap<>();

    public OllamaProvider(ProviderConfig config, ProviderHttp http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public Future<List<ProviderModel>> models() {
        return http.json(config, "/api/tags", null, "(list)").compose(this::withContexts);
    }

    private Future<List<ProviderModel>> withContexts(JsonObject tags) {
        JsonArray models = tags.getJsonArray("models", new JsonArray());
        List<Future<ProviderModel>> out = new ArrayList<>();
        for (int i = 0; i < models.size() && out.size() < OpenAiProvider.MAX_MODELS; i++) {
            if (models.getValue(i) instanceof JsonObject model && model.getValue("name") instanceof String name && !name.isBlank()) {
                out.add(describe(name, model));
            }
        }
        return Future.all(out).map(all -> all.<ProviderModel>list());
    }

    private Future<ProviderModel> describe(String name, JsonObject model) {
        JsonObject details = model.getValue("details") instanceof JsonObject d ? d : new JsonObject();
        String quantization = details.getValue("quantization_level") instanceof String q && !q.isBlank() ? q : null;
        long size = OpenAiProvider.longOf(model.getValue("size"));
        return contextLength(name, model.getString("digest", ""))
            .map(context -> new ProviderModel(name, size, context, quantization));
    }

    /** The model's context length from /api/show ({@code model_info["<arch>.context_length"]}); 0 when unknown. */
    private Future<Integer> contextLength(String name, String digest) {
        String key = name + "@" + digest;
        Integer known = contexts.get(key);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return http.json(config, "/api/show", new JsonObject().put("model", name), name)
            .map(OllamaProvider::contextOf)
            .otherwise(0)
            .onSuccess(context -> contexts.put(key, context));
    }

    private static int contextOf(JsonObject show) {
        if (show.getValue("model_info") instanceof JsonObject info) {
            for (String field : info.fieldNames()) {
                if (field.endsWith(".context_length")) {
                    return OpenAiProvider.intOf(info.getValue(field), 0);
                }
            }
        }
        return 0;
    }

    @Override
    public Future<Completion> chat(ChatRequest request, Consumer<String> sink, CallControl control) {
        boolean streamed = sink != null;
        return http.call(config, "/api/chat", body(request, streamed), request.model(), control, new StreamState(sink), streamed,
            this::line, this::whole);
    }

    static JsonObject body(ChatRequest request, boolean streamed) {
        JsonArray messages = new JsonArray();
        for (ChatMessage m : request.messages()) {
            messages.add(new JsonObject().put("role", m.role()).put("content", m.content()));
        }
        JsonObject options = new JsonObject();
        if (request.maxTokens() != null) {
            options.put("num_predict", request.maxTokens());
        }
        if (request.temperature() != null) {
            options.put("temperature", request.temperature());
        }
        JsonObject body = new JsonObject().put("model", request.model()).put("messages", messages).put("stream", streamed);
        if (!options.isEmpty()) {
            body.put("options", options);
        }
        return body;
    }

    /** One line of the NDJSON stream. */
    private void line(String line, StreamState state) {
        if (line.isBlank()) {
            return;
        }
        read(new JsonObject(line), state);
    }

    private void read(JsonObject event, StreamState state) {
        if (event.containsKey("error")) {
            throw ProviderErrors.inStream(config, event.encode());
        }
        if (event.getValue("message") instanceof JsonObject message && message.getValue("content") instanceof String content) {
            state.append(content);
        }
        if (Boolean.TRUE.equals(event.getValue("done"))) {
            state.usage(OpenAiProvider.intOf(event.getValue("prompt_eval_count"), 0),
                OpenAiProvider.intOf(event.getValue("eval_count"), 0));
            state.finishReason(event.getValue("done_reason") instanceof String reason ? reason : "stop");
            state.done();
        }
    }

    private Completion whole(JsonObject body) {
        StreamState state = new StreamState(null);
        read(body, state);
        Completion c = state.completion();
        return new Completion(c.content(), c.promptTokens(), c.completionTokens(), c.finishReason(), 0);
    }
}
