package io.edgecoder.portal.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ModelInfo;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiFormatTest {
    private static final ChatReply REPLY = new ChatReply("r1", "qwen", "Hello!", 12, 3, "stop", "n1", "ollama", 40);

    @Test
    void readsMessagesWithStringOrTextPartContentAndTheBounds() {
        ChatCall call = OpenAiFormat.parse("""
            {"model": "qwen", "messages": [
              {"role": "developer", "content": "be brief"},
              {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]},
              {"role": "assistant", "content": null}],
             "max_tokens": 10, "max_completion_tokens": 20, "temperature": 0.5,
             "stream": true, "stream_options": {"include_usage": true}, "tools": [], "user": "x"}""");

        assertThat(call.model()).isEqualTo("qwen");
        assertThat(call.messages()).containsExactly(ChatMessage.system("be brief"), ChatMessage.user("ab"), ChatMessage.assistant(""));
        assertThat(call.maxTokens()).isEqualTo(20);
        assertThat(call.temperature()).isEqualTo(0.5);
        assertThat(call.stream()).isTrue();
        assertThat(call.includeUsage()).isTrue();
    }

    @Test
    void aPlainCallIsNotStreamed() {
        ChatCall call = OpenAiFormat.parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(call.stream()).isFalse();
        assertThat(call.maxTokens()).isNull();
        assertThat(call.temperature()).isNull();
    }

    @Test
    void wrongInputIsA400NamingTheField() {
        assertBad("{", "body: malformed JSON");
        assertBad("[1]", "body: must be a JSON object");
        assertBad("", "body: a JSON object is required");
        assertBad("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model:");
        assertBad("{\"model\":\"m\"}", "messages: required");
        assertBad("{\"model\":\"m\",\"messages\":[]}", "messages: must not be empty");
        assertBad("{\"model\":\"m\",\"messages\":[\"hi\"]}", "messages[0]: must be an object");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].role:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
            "messages[0].content[0]:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3}", "temperature:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}", "max_tokens:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":\"9\"}", "max_tokens:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":2}", "n:");
        assertBad("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}", "stream:");
        assertBad("{\"model\":\"" + "m".repeat(201) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model:");
    }

    private static void assertBad(String body, String start) {
        assertThatThrownBy(() -> OpenAiFormat.parse(body)).isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith(start);
        });
    }

    @Test
    void theWholeAnswerIsAChatCompletionWithUsage() {
        JsonObject whole = new OpenAiFormat("r1", "qwen", 1700000000, false).whole(REPLY);

        assertThat(whole.getString("id")).isEqualTo("chatcmpl-r1");
        assertThat(whole.getString("object")).isEqualTo("chat.completion");
        assertThat(whole.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content")).isEqualTo("Hello!");
        assertThat(whole.getJsonArray("choices").getJsonObject(0).getString("finish_reason")).isEqualTo("stop");
        assertThat(whole.getJsonObject("usage").getInteger("total_tokens")).isEqualTo(15);
    }

    @Test
    void aStreamIsServerSentChunksThenUsageThenDone() {
        OpenAiFormat format = new OpenAiFormat("r1", "qwen", 1700000000, true);

        String first = format.delta("Hel").toString();
        String second = format.delta("lo!").toString();
        String end = format.finish(REPLY).toString();

        assertThat(first).startsWith("data: {").endsWith("\n\n");
        JsonObject chunk = new JsonObject(first.substring(6).trim());
        assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
        assertThat(chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("role")).isEqualTo("assistant");
        assertThat(new JsonObject(second.substring(6).trim()).getJsonArray("choices").getJsonObject(0).getJsonObject("delta")
            .containsKey("role")).isFalse();
        String[] events = end.split("\n\n");
        assertThat(events).hasSize(3);
        assertThat(new JsonObject(events[0].substring(6)).getJsonArray("choices").getJsonObject(0).getString("finish_reason"))
            .isEqualTo("stop");
        assertThat(new JsonObject(events[1].substring(6)).getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(3);
        assertThat(events[2]).isEqualTo("data: [DONE]");
    }

    @Test
    void withoutIncludeUsageTheStreamHasNoUsageChunk() {
        String end = new OpenAiFormat("r1", "qwen", 1, false).finish(REPLY).toString();
        assertThat(end.split("\n\n")).hasSize(2).endsWith("data: [DONE]");
    }

    @Test
    void modelsAreAListOfModelObjects() {
        JsonObject list = OpenAiFormat.models(List.of(new ModelInfo("qwen", "ollama", 1, 2, "Q4", "n1", "local", false)));
        assertThat(list.getString("object")).isEqualTo("list");
        assertThat(list.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo("qwen");
        assertThat(list.getJsonArray("data").getJsonObject(0).getString("object")).isEqualTo("model");
    }

    @Test
    void errorsHaveOpenAisShapeAndOllamasOwn() {
        JsonObject openAi = Protocol.OPENAI.error(401, "invalid token");
        assertThat(openAi.getJsonObject("error").getString("message")).isEqualTo("invalid token");
        assertThat(openAi.getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");
        assertThat(Protocol.OPENAI.error(404, "x").getJsonObject("error").getString("code")).isEqualTo("model_not_found");
        assertThat(Protocol.OLLAMA.error(429, "busy")).isEqualTo(new JsonObject().put("error", "busy"));
        assertThat(Protocol.OPENAI.streamError(new MeshException(ErrorCode.UNAVAILABLE, "down")).toString())
            .startsWith("data: {\"error\":{").endsWith("\n\n");
    }
}
