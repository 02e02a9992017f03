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

class OllamaFormatTest {
    private static final ChatReply REPLY = new ChatReply("r1", "qwen:7b", "Hi there", 7, 2, "length", "n1", "ollama", 25);

    @Test
    void chatIsStreamedUnlessTheRequestSaysFalse() {
        ChatCall streamed = OllamaFormat.parseChat("""
            {"model": "qwen:7b", "messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}],
             "options": {"temperature": 0.2, "num_predict": 64}, "keep_alive": "5m"}""");
        ChatCall whole = OllamaFormat.parseChat("{\"model\":\"m\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"u\"}],"
            + "\"options\":{\"num_predict\":-1}}");

        assertThat(streamed.stream()).isTrue();
        assertThat(streamed.messages()).containsExactly(ChatMessage.system("s"), ChatMessage.user("u"));
        assertThat(streamed.maxTokens()).isEqualTo(64);
        assertThat(streamed.temperature()).isEqualTo(0.2);
        assertThat(whole.stream()).isFalse();
        assertThat(whole.maxTokens()).as("num_predict -1 is Ollama's 'no limit'").isNull();
    }

    @Test
    void generateTurnsSystemAndPromptIntoTwoTurns() {
        ChatCall call = OllamaFormat.parseGenerate("{\"model\":\"m\",\"prompt\":\"write a test\",\"system\":\"you code\",\"stream\":false}");
        assertThat(call.messages()).containsExactly(ChatMessage.system("you code"), ChatMessage.user("write a test"));
        assertThat(call.stream()).isFalse();
    }

    @Test
    void wrongInputIsA400NamingTheField() {
        assertBad(() -> OllamaFormat.parseChat("not json"), "body: malformed JSON");
        assertBad(() -> OllamaFormat.parseChat("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"),
            "messages[0].role:");
        assertBad(() -> OllamaFormat.parseChat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"images\":[\"aGk=\"]}]}"),
            "messages[0].images:");
        assertBad(() -> OllamaFormat.parseChat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"options\":3}"),
            "options:");
        assertBad(() -> OllamaFormat.parseGenerate("{\"model\":\"m\"}"), "prompt: required");
        assertBad(() -> OllamaFormat.parseGenerate("{\"model\":\"m\",\"prompt\":\"\"}"), "prompt: must not be empty");
        assertBad(() -> OllamaFormat.parseGenerate("{\"prompt\":\"x\"}"), "model:");
    }

    private static void assertBad(Runnable parse, String start) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith(start);
        });
    }

    @Test
    void aChatStreamIsJsonLinesEndingWithDoneAndCounts() {
        OllamaFormat format = new OllamaFormat("qwen:7b", false);

        JsonObject piece = new JsonObject(format.delta("Hi").toString().trim());
        String last = format.finish(REPLY).toString();

        assertThat(piece.getBoolean("done")).isFalse();
        assertThat(piece.getJsonObject("message").getString("content")).isEqualTo("Hi");
        assertThat(last).endsWith("\n").doesNotContain("\n\n");
        JsonObject end = new JsonObject(last.trim());
        assertThat(end.getBoolean("done")).isTrue();
        assertThat(end.getString("done_reason")).isEqualTo("length");
        assertThat(end.getJsonObject("message").getString("content")).isEmpty();
        assertThat(end.getInteger("prompt_eval_count")).isEqualTo(7);
        assertThat(end.getInteger("eval_count")).isEqualTo(2);
    }

    @Test
    void generateAnswersCarryResponse() {
        JsonObject whole = new OllamaFormat("m", true).whole(REPLY);
        assertThat(whole.getString("response")).isEqualTo("Hi there");
        assertThat(whole.containsKey("message")).isFalse();
        assertThat(whole.getLong("total_duration")).isEqualTo(25_000_000L);
    }

    @Test
    void tagsListEachModelWithItsDetails() {
        JsonObject tags = OllamaFormat.tags(List.of(new ModelInfo("qwen2.5-coder:7b", "ollama", 4_700_000_000L, 32768, "Q4_K_M",
            "n1", "local", false)));
        JsonObject model = tags.getJsonArray("models").getJsonObject(0);
        assertThat(model.getString("name")).isEqualTo("qwen2.5-coder:7b");
        assertThat(model.getLong("size")).isEqualTo(4_700_000_000L);
        assertThat(model.getJsonObject("details").getString("quantization_level")).isEqualTo("Q4_K_M");
        assertThat(model.getJsonObject("details").getString("family")).isEqualTo("qwen2.5-coder");
    }

    @Test
    void theModelListNamesEachModelOnceSorted() {
        List<ModelInfo> models = IdeCalls.distinct(List.of(
            new ModelInfo("b", "ollama", 0, 0, null, "n1", "local", false),
            new ModelInfo("a", "ollama", 0, 0, null, "n1", "local", false),
            new ModelInfo("b", "openai", 0, 0, null, "n2", "local", false)));
        assertThat(models).extracting(ModelInfo::name).containsExactly("a", "b");
        assertThat(models.get(1).node()).isEqualTo("n1");
    }
}
