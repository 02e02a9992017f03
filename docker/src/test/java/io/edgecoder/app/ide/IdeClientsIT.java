package io.edgecoder.app.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.edgecoder.core.testing.Await;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IDE endpoint driven by real third-party clients from Maven Central, as an IDE extension
 * would use it: OpenAI's official Java SDK and langchain4j's OpenAI and Ollama clients list the
 * models, chat and stream against a real node (the real inference role, its providers calling a
 * model server that speaks Ollama's and OpenAI's wire formats). A missing or wrong token is a 401
 * the clients report as such.
 */
class IdeClientsIT {
    private static final String ANSWER = "def add(a, b):\n    return a + b\n";
    private static Vertx outside;
    private static FakeModelServer models;
    private static IdeNode node;

    @BeforeAll
    static void start() throws Exception {
        outside = Vertx.vertx();
        models = new FakeModelServer(List.of("def ", "add", "(a, b):", "\n    return a + b\n"), 2);
        models.start(outside).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        node = IdeNode.start(models, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        outside.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static OpenAIClient openAi(String token) {
        return OpenAIOkHttpClient.builder().baseUrl(node.ideUrl() + "/v1").apiKey(token).maxRetries(0)
            .timeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void openAisSdkListsTheModelsChatsAndStreamsWithUsage() {
        OpenAIClient client = openAi(node.adminToken);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(FakeModelServer.OLLAMA_MODEL)
            .addUserMessage("write add").maxCompletionTokens(64).build();

        List<String> listed = client.models().list().data().stream().map(Model::id).toList();
        ChatCompletion whole = client.chat().completions().create(params);
        List<String> pieces = new ArrayList<>();
        List<Long> usage = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> c.delta().content().ifPresent(pieces::add));
                chunk.usage().ifPresent(u -> usage.add(u.completionTokens()));
            });
        }

        assertThat(listed).contains(FakeModelServer.OLLAMA_MODEL, FakeModelServer.OPENAI_MODEL);
        assertThat(whole.choices().get(0).message().content()).hasValue(ANSWER);
        assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(String.join("", pieces)).isEqualTo(ANSWER);
        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(usage).containsExactly(4L);
    }

    @Test
    void openAisSdkWithAWrongOrNoTokenIsUnauthorized() {
        assertThatThrownBy(() -> openAi("not-the-token").models().list()).isInstanceOf(UnauthorizedException.class)
            .hasMessageContaining("invalid token");
        assertThatThrownBy(() -> openAi("ecp_not-a-token").chat().completions().create(ChatCompletionCreateParams.builder()
            .model(FakeModelServer.OLLAMA_MODEL).addUserMessage("hi").build())).isInstanceOf(UnauthorizedException.class);
        assertThat(models.received()).noneMatch(body -> body.encode().contains("\"hi\""));
    }

    @Test
    void langchain4jsOpenAiClientChatsAndStreams() throws Exception {
        ChatModel chat = OpenAiChatModel.builder().baseUrl(node.ideUrl() + "/v1").apiKey(node.adminToken)
            .modelName(FakeModelServer.OPENAI_MODEL).maxRetries(0).timeout(Duration.ofSeconds(60)).build();
        StreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(node.ideUrl() + "/v1").apiKey(node.adminToken)
            .modelName(FakeModelServer.OPENAI_MODEL).timeout(Duration.ofSeconds(60)).build();

        String answer = chat.chat("write add");
        Streamed streamed = stream(streaming);

        assertThat(answer).isEqualTo(ANSWER);
        assertThat(streamed.text()).isEqualTo(ANSWER);
        assertThat(streamed.response().aiMessage().text()).isEqualTo(ANSWER);
    }

    @Test
    void langchain4jsOllamaClientListsChatsAndStreams() throws Exception {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + node.adminToken);
        OllamaModels list = OllamaModels.builder().baseUrl(node.ideUrl()).httpClientBuilder(new BearerHttpClientBuilder(node.adminToken))
            .maxRetries(0).build();
        ChatModel chat = OllamaChatModel.builder().baseUrl(node.ideUrl()).customHeaders(auth).modelName(FakeModelServer.OLLAMA_MODEL)
            .maxRetries(0).timeout(Duration.ofSeconds(60)).build();
        StreamingChatModel streaming = OllamaStreamingChatModel.builder().baseUrl(node.ideUrl()).customHeaders(auth)
            .modelName(FakeModelServer.OLLAMA_MODEL).timeout(Duration.ofSeconds(60)).build();

        List<OllamaModel> listed = list.availableModels().content();
        String answer = chat.chat("write add");
        Streamed streamed = stream(streaming);

        assertThat(listed).extracting(OllamaModel::getName).contains(FakeModelServer.OLLAMA_MODEL, FakeModelServer.OPENAI_MODEL);
        assertThat(listed).filteredOn(m -> m.getName().equals(FakeModelServer.OLLAMA_MODEL)).first()
            .satisfies(m -> assertThat(m.getSize()).isEqualTo(4_683_087_332L));
        assertThat(answer).isEqualTo(ANSWER);
        assertThat(streamed.text()).isEqualTo(ANSWER);
        assertThat(streamed.response().tokenUsage().outputTokenCount()).isEqualTo(4);
    }

    @Test
    void langchain4jsOllamaClientWithoutATokenIsRefused() {
        ChatModel chat = OllamaChatModel.builder().baseUrl(node.ideUrl()).modelName(FakeModelServer.OLLAMA_MODEL).maxRetries(0)
            .timeout(Duration.ofSeconds(30)).build();

        assertThatThrownBy(() -> chat.chat("hi")).hasMessageContaining("Authorization: Bearer <token> header required");
    }

    private record Streamed(String text, ChatResponse response) {
    }

    private static Streamed stream(StreamingChatModel model) throws Exception {
        List<String> pieces = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("write add", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                pieces.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        return new Streamed(String.join("", pieces), response);
    }
}
