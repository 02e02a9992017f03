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
import java.util.function.Consumer;

/**
 * An OpenAI-compatible server (llama.cpp's server, vLLM, LM Studio, hosted APIs):
 * {@code GET /models}, {@code POST /chat/completions}, streamed as server-sent events
 * ({@code data: {...}} lines, ended by {@code data: [DONE]}).
 */
public final class OpenAiProvider implements ModelProvider {
    /** Most models listed from one provider. */
    static final int MAX_MODELS = 200;

    private final ProviderConfig config;
    private final ProviderHttp http;

    public OpenAiProvider(ProviderConfig config, ProviderHttp http) {
        this.config = config;
        this.http = http;
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public Future<List<ProviderModel>> models() {
        return http.json(config, "/models", null, "(list)").map(OpenAiProvider::models);
    }

    private static List<ProviderModel> models(JsonObject body) {
        JsonArray data = body.getJsonArray("data", new JsonArray());
        List<ProviderModel> out = new ArrayList<>();
        for (int i = 0; i < data.size() && out.size() < MAX_MODELS; i++) {
            if (data.getValue(i) instanceof JsonObject model && model.getValue("id") instanceof String id && !id.isBlank()) {
                JsonObject meta = model.getValue("meta") instanceof JsonObject m ? m : new JsonObject();
                int context = intOf(model.getValue("max_model_len"), intOf(model.getValue("context_length"),
                    intOf(meta.getValue("n_ctx_train"), 0)));
                out.add(new ProviderModel(id, longOf(meta.getValue("size")), context, null));
            }
        }
        return out;
    }

    @Override
    public Future<Completion> chat(ChatRequest request, Consumer<String> sink, CallControl control) {
        boolean streamed = sink != null;
        JsonObject body = body(request, streamed);
        return http.call(config, "/chat/completions", body, request.model(), control, new StreamState(sink), streamed,
            this::line, this::whole);
    }

    static JsonObject body(ChatRequest request, boolean streamed) {
        JsonArray messages = new JsonArray();
        for (ChatMessage m : request.messages()) {
            messages.add(new JsonObject().put("role", m.role()).put("content", m.content()));
        }
        JsonObject body = new JsonObject().put("model", request.model()).put("messages", messages).put("stream", streamed);
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (streamed) {
            body.put("stream_options", new JsonObject().put("include_usage", true));
        }
        return body;
    }

    /** One line of the event stream. */
    private void line(String line, StreamState state) {
        if (!line.startsWith("data:")) {
            return; // blank separators, comments, event names
        }
        String data = line.substring(5).trim();
        if (data.equals("[DONE]")) {
            state.done();
            return;
        }
        JsonObject event = new JsonObject(data);
        if (event.containsKey("error")) {
            throw ProviderErrors.inStream(config, event.encode());
        }
        JsonObject choice = firstChoice(event);
        if (choice != null) {
            JsonObject delta = choice.getValue("delta") instanceof JsonObject d ? d : new JsonObject();
            state.append(delta.getValue("content") instanceof String s ? s : null);
            if (choice.getValue("finish_reason") instanceof String reason) {
                state.finishReason(reason);
                state.done();
            }
        }
        usage(event, state);
    }

    private Completion whole(JsonObject body) {
        if (body.containsKey("error")) {
            throw ProviderErrors.inStream(config, body.encode());
        }
        JsonObject choice = firstChoice(body);
        StreamState state = new StreamState(null);
        JsonObject message = choice != null && choice.getValue("message") instanceof JsonObject m ? m : new JsonObject();
        String content = message.getValue("content") instanceof String s ? s : "";
        usage(body, state);
        if (choice != null && choice.getValue("finish_reason") instanceof String reason) {
            state.finishReason(reason);
        }
        Completion counted = state.completion();
        return new Completion(content, counted.promptTokens(), counted.completionTokens(), counted.finishReason(), 0);
    }

    private static JsonObject firstChoice(JsonObject event) {
        if (event.getValue("choices") instanceof JsonArray choices && !choices.isEmpty() && choices.getValue(0) instanceof JsonObject c) {
            return c;
        }
        return null;
    }

    private static void usage(JsonObject event, StreamState state) {
        if (event.getValue("usage") instanceof JsonObject usage) {
            state.usage(intOf(usage.getValue("prompt_tokens"), 0), intOf(usage.getValue("completion_tokens"), 0));
        }
    }

    static int intOf(Object value, int fallback) {
        return value instanceof Number n && n.longValue() > 0 && n.longValue() <= Integer.MAX_VALUE ? n.intValue() : fallback;
    }

    static long longOf(Object value) {
        return value instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
    }
}
