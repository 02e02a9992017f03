package io.edgecoder.portal.ide;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ModelInfo;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's Chat Completions wire format: the request ({@code model}, {@code messages} with string
 * or text-part content, {@code max_tokens} / {@code max_completion_tokens}, {@code temperature},
 * {@code stream}, {@code stream_options.include_usage}), the {@code chat.completion} answer and the
 * {@code chat.completion.chunk} events of a stream ({@code data: {...}} lines, {@code data: [DONE]} last).
 */
final class OpenAiFormat implements ChatFormat {
    static final String SSE = "text/event-stream; charset=utf-8";
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private boolean roleSent;

    OpenAiFormat(String requestId, String model, long createdEpochSeconds, boolean includeUsage) {
        this.id = "chatcmpl-" + requestId;
        this.model = model;
        this.created = createdEpochSeconds;
        this.includeUsage = includeUsage;
    }

    /** Reads a Chat Completions request body; 400 naming the field when it is wrong. */
    static ChatCall parse(String body) {
        JsonObject json = Fields.object(body);
        String model = Fields.model(json);
        List<ChatMessage> messages = messages(Fields.array(json, "messages"));
        Integer maxTokens = Fields.maxTokens(json, "max_completion_tokens", false);
        if (maxTokens == null) {
            maxTokens = Fields.maxTokens(json, "max_tokens", false);
        }
        Double temperature = Fields.number(json, "temperature", 0, 2);
        Object n = json.getValue("n");
        if (n != null && !(n instanceof Number count && count.intValue() == 1 && count.doubleValue() == 1)) {
            throw MeshException.badRequest("n: only 1 choice per request is supported");
        }
        boolean stream = Fields.bool(json, "stream", false);
        Object options = json.getValue("stream_options");
        boolean usage = options instanceof JsonObject o && Fields.bool(o, "include_usage", false);
        return new ChatCall(model, messages, maxTokens, temperature, stream, usage);
    }

    private static List<ChatMessage> messages(JsonArray array) {
        List<ChatMessage> messages = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject m = Fields.objectAt(array, i, "messages");
            messages.add(new ChatMessage(role(m, i), content(m.getValue("content"), i)));
        }
        return messages;
    }

    private static String role(JsonObject message, int i) {
        Object role = message.getValue("role");
        String name = "developer".equals(role) ? "system" : role instanceof String s ? s : null;
        if (name == null || !ROLES.contains(name)) {
            throw MeshException.badRequest("messages[" + i + "].role: must be system, developer, user or assistant, got "
                + (role instanceof String s ? "'" + Fields.clip(s, 40) + "' (this endpoint runs no tools)" : Fields.type(role)));
        }
        return name;
    }

    /** A string, null (an assistant turn without text), or an array of {@code {"type": "text", "text": ...}} parts. */
    private static String content(Object content, int i) {
        if (content == null) {
            return "";
        }
        if (content instanceof String text) {
            return text;
        }
        if (!(content instanceof JsonArray parts)) {
            throw MeshException.badRequest("messages[" + i + "].content: must be a string or an array of text parts, got "
                + Fields.type(content));
        }
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            Object part = parts.getValue(p);
            if (!(part instanceof JsonObject o) || !"text".equals(o.getValue("type")) || !(o.getValue("text") instanceof String t)) {
                throw MeshException.badRequest("messages[" + i + "].content[" + p + "]: only {\"type\": \"text\", \"text\": ...}"
                    + " parts are supported (no images or files)");
            }
            text.append(t);
        }
        return text.toString();
    }

    /** {@code GET /v1/models}: each model name once. */
    static JsonObject models(Collection<ModelInfo> models) {
        JsonArray data = new JsonArray();
        for (ModelInfo m : models) {
            data.add(new JsonObject().put("id", m.name()).put("object", "model").put("created", 0)
                .put("owned_by", m.provider() == null ? "edgecoder" : m.provider()));
        }
        return new JsonObject().put("object", "list").put("data", data);
    }

    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public String streamContentType() {
        return SSE;
    }

    @Override
    public Buffer delta(String text) {
        JsonObject delta = new JsonObject().put("content", text);
        if (!roleSent) {
            delta = new JsonObject().put("role", "assistant").put("content", text);
            roleSent = true;
        }
        return event(chunk(new JsonObject().put("index", 0).put("delta", delta).putNull("finish_reason")));
    }

    @Override
    public Buffer finish(ChatReply reply) {
        JsonObject delta = roleSent ? new JsonObject() : new JsonObject().put("role", "assistant").put("content", "");
        Buffer out = event(chunk(new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finishReason(reply))));
        if (includeUsage) {
            out.appendBuffer(event(chunk(null).put("usage", usage(reply))));
        }
        return out.appendString("data: [DONE]\n\n");
    }

    @Override
    public JsonObject whole(ChatReply reply) {
        JsonObject message = new JsonObject().put("role", "assistant").put("content", reply.content());
        return new JsonObject().put("id", id).put("object", "chat.completion").put("created", created).put("model", model)
            .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
                .put("finish_reason", finishReason(reply))))
            .put("usage", usage(reply));
    }

    private JsonObject chunk(JsonObject choice) {
        return new JsonObject().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model)
            .put("choices", choice == null ? new JsonArray() : new JsonArray().add(choice));
    }

    private static Buffer event(JsonObject json) {
        return Buffer.buffer("data: ").appendString(json.encode()).appendString("\n\n");
    }

    private static JsonObject usage(ChatReply reply) {
        return new JsonObject().put("prompt_tokens", reply.promptTokens()).put("completion_tokens", reply.completionTokens())
            .put("total_tokens", reply.promptTokens() + reply.completionTokens());
    }

    /** OpenAI knows {@code stop} and {@code length}; a call the mesh cancelled ended early, like a stop. */
    static String finishReason(ChatReply reply) {
        return "length".equals(reply.finishReason()) ? "length" : "stop";
    }
}
