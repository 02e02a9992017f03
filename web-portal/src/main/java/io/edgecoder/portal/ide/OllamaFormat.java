package io.edgecoder.portal.ide;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ModelInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ollama's native wire format: {@code /api/chat} ({@code messages}) and {@code /api/generate}
 * ({@code prompt}, optional {@code system}), {@code stream} true unless the request says false,
 * {@code options.temperature} and {@code options.num_predict}; answers as one JSON object or as
 * newline-delimited JSON objects, the last with {@code "done": true}, the reason and the counts.
 */
final class OllamaFormat implements ChatFormat {
    static final String NDJSON = "application/x-ndjson";
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final String model;
    private final boolean generate;

    /** {@code generate}: the {@code /api/generate} shape ({@code response}) rather than {@code /api/chat}'s ({@code message}). */
    OllamaFormat(String model, boolean generate) {
        this.model = model;
        this.generate = generate;
    }

    /** Reads an {@code /api/chat} body. */
    static ChatCall parseChat(String body) {
        JsonObject json = Fields.object(body);
        String model = Fields.model(json);
        JsonArray array = Fields.array(json, "messages");
        List<ChatMessage> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject m = Fields.objectAt(array, i, "messages");
            noImages(m, "messages[" + i + "].images");
            String role = Fields.string(m, "role", true);
            if (!ROLES.contains(role)) {
                throw MeshException.badRequest("messages[" + i + "].role: must be system, user or assistant, got '"
                    + Fields.clip(role, 40) + "' (this endpoint runs no tools)");
            }
            String content = Fields.string(m, "content", false);
            messages.add(new ChatMessage(role, content == null ? "" : content));
        }
        return call(json, model, messages);
    }

    /** Reads an {@code /api/generate} body: the prompt as a user turn after the optional system text. */
    static ChatCall parseGenerate(String body) {
        JsonObject json = Fields.object(body);
        String model = Fields.model(json);
        noImages(json, "images");
        String prompt = Fields.string(json, "prompt", true);
        if (prompt.isEmpty()) {
            throw MeshException.badRequest("prompt: must not be empty");
        }
        String system = Fields.string(json, "system", false);
        List<ChatMessage> messages = new ArrayList<>(2);
        if (system != null && !system.isEmpty()) {
            messages.add(ChatMessage.system(system));
        }
        messages.add(ChatMessage.user(prompt));
        return call(json, model, messages);
    }

    private static ChatCall call(JsonObject json, String model, List<ChatMessage> messages) {
        Object options = json.getValue("options");
        if (options != null && !(options instanceof JsonObject)) {
            throw MeshException.badRequest("options: must be an object, got " + Fields.type(options));
        }
        JsonObject o = options == null ? new JsonObject() : (JsonObject) options;
        Integer maxTokens = Fields.maxTokens(o, "num_predict", true);
        Double temperature = Fields.number(o, "temperature", 0, 5);
        return new ChatCall(model, messages, maxTokens, temperature, Fields.bool(json, "stream", true), false);
    }

    private static void noImages(JsonObject json, String field) {
        Object images = json.getValue("images");
        if (images instanceof JsonArray a && !a.isEmpty()) {
            throw MeshException.badRequest(field + ": images are not supported");
        }
    }

    /** {@code GET /api/tags}: each model name once, with what the mesh knows of it. */
    static JsonObject tags(Collection<ModelInfo> models) {
        JsonArray list = new JsonArray();
        for (ModelInfo m : models) {
            String quantization = m.quantization() == null ? "" : m.quantization();
            JsonObject details = new JsonObject().put("parent_model", "").put("format", "gguf").put("family", family(m.name()))
                .put("families", new JsonArray().add(family(m.name()))).put("parameter_size", "")
                .put("quantization_level", quantization);
            list.add(new JsonObject().put("name", m.name()).put("model", m.name()).put("modified_at", Instant.EPOCH.toString())
                .put("size", m.sizeBytes()).put("digest", "").put("details", details));
        }
        return new JsonObject().put("models", list);
    }

    private static String family(String name) {
        int cut = name.indexOf(':');
        return (cut > 0 ? name.substring(0, cut) : name).toLowerCase(Locale.ROOT);
    }

    @Override
    public Protocol protocol() {
        return Protocol.OLLAMA;
    }

    @Override
    public String streamContentType() {
        return NDJSON;
    }

    @Override
    public Buffer delta(String text) {
        return line(head().put("done", false).mergeIn(text(text)));
    }

    @Override
    public Buffer finish(ChatReply reply) {
        return line(whole(reply).mergeIn(text("")));
    }

    @Override
    public JsonObject whole(ChatReply reply) {
        long nanos = reply.millis() * 1_000_000L;
        return head().mergeIn(text(reply.content())).put("done", true).put("done_reason", doneReason(reply))
            .put("total_duration", nanos).put("load_duration", 0).put("prompt_eval_count", reply.promptTokens())
            .put("prompt_eval_duration", 0).put("eval_count", reply.completionTokens()).put("eval_duration", nanos);
    }

    private JsonObject head() {
        return new JsonObject().put("model", model).put("created_at", Instant.now().toString());
    }

    private JsonObject text(String text) {
        return generate ? new JsonObject().put("response", text)
            : new JsonObject().put("message", new JsonObject().put("role", "assistant").put("content", text));
    }

    private static Buffer line(JsonObject json) {
        return Buffer.buffer(json.encode()).appendString("\n");
    }

    private static String doneReason(ChatReply reply) {
        return "length".equals(reply.finishReason()) ? "length" : "stop";
    }
}
