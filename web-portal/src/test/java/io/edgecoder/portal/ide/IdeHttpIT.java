package io.edgecoder.portal.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.PortalHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's HTTP edge on a real server, before any model is involved: every route needs a
 * token (401 in the route's protocol), bad input is a 400 and a large body a 413 in that protocol,
 * and with no inference role running anywhere a call is a 503 that leaves nothing in flight.
 */
class IdeHttpIT {
    private static final String TOKEN = PortalHarness.TOKEN;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Vertx vertx;
    private IdeVerticle ide;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        meters = new SimpleMeterRegistry();
        IdeConfig config = new IdeConfig("127.0.0.1", 0, true, Duration.ofSeconds(5), Duration.ofSeconds(1), 4096, 8, "local",
            IdeTokens.adminOrPersonal(TOKEN, null), meters);
        ide = new IdeVerticle(config);
        PortalHarness.await(vertx.deployVerticle(ide));
    }

    @AfterEach
    void stop() {
        PortalHarness.await(vertx.close());
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ide.actualPort() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String openAiError(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("error").getString("message");
    }

    private static String ollamaError(HttpResponse<String> response) {
        return new JsonObject(response.body()).getString("error");
    }

    @Test
    void everyRouteNeedsATokenAnsweredInItsProtocol() throws Exception {
        HttpResponse<String> openAi = send("GET", "/v1/models", null, null);
        HttpResponse<String> ollama = send("GET", "/api/tags", null, null);
        HttpResponse<String> wrongOpenAi = send("POST", "/v1/chat/completions", "not-the-token", "{}");
        HttpResponse<String> wrongOllama = send("POST", "/api/generate", "ecp_not-a-token", "{}");

        assertThat(openAi.statusCode()).isEqualTo(401);
        assertThat(openAi.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"edgecoder\"");
        assertThat(openAiError(openAi)).startsWith("Authorization: Bearer <token> header required");
        assertThat(new JsonObject(openAi.body()).getJsonObject("error").getString("code")).isEqualTo("invalid_api_key");
        assertThat(ollama.statusCode()).isEqualTo(401);
        assertThat(ollamaError(ollama)).startsWith("Authorization: Bearer");
        assertThat(wrongOpenAi.statusCode()).isEqualTo(401);
        assertThat(openAiError(wrongOpenAi)).isEqualTo("invalid token");
        assertThat(wrongOllama.statusCode()).isEqualTo(401);
        assertThat(ollamaError(wrongOllama)).isEqualTo("invalid token");
        assertThat(meters.counter(IdeMeters.AUTH_FAILURES).count()).isEqualTo(4);
    }

    @Test
    void badJsonIsA400InTheRoutesProtocol() throws Exception {
        HttpResponse<String> openAi = send("POST", "/v1/chat/completions", TOKEN, "{\"model\": ");
        HttpResponse<String> ollama = send("POST", "/api/chat", TOKEN, "[]");
        HttpResponse<String> field = send("POST", "/api/generate", TOKEN, "{\"model\":\"m\",\"prompt\":7}");

        assertThat(openAi.statusCode()).isEqualTo(400);
        assertThat(openAiError(openAi)).startsWith("body: malformed JSON");
        assertThat(ollama.statusCode()).isEqualTo(400);
        assertThat(ollamaError(ollama)).isEqualTo("body: must be a JSON object");
        assertThat(field.statusCode()).isEqualTo(400);
        assertThat(ollamaError(field)).isEqualTo("prompt: must be a string, got a number");
    }

    @Test
    void aBodyOverTheLimitIsA413() throws Exception {
        String big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}";

        HttpResponse<String> openAi = send("POST", "/v1/chat/completions", TOKEN, big);
        HttpResponse<String> ollama = send("POST", "/api/chat", TOKEN, big);

        assertThat(openAi.statusCode()).isEqualTo(413);
        assertThat(openAiError(openAi)).startsWith("body: larger than 4096 bytes");
        assertThat(ollama.statusCode()).isEqualTo(413);
        assertThat(ollamaError(ollama)).startsWith("body: larger than 4096 bytes");
    }

    @Test
    void withoutAnInferenceRoleCallsAre503AndNothingStaysInFlight() throws Exception {
        String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> models = send("GET", "/v1/models", TOKEN, null);
        HttpResponse<String> tags = send("GET", "/api/tags", TOKEN, null);
        HttpResponse<String> openAi = send("POST", "/v1/chat/completions", TOKEN, chat.replace("}]}", "}],\"stream\":true}"));
        HttpResponse<String> ollama = send("POST", "/api/chat", TOKEN, chat);

        assertThat(models.statusCode()).isEqualTo(503);
        assertThat(openAiError(models)).isEqualTo("a required service is not running");
        assertThat(tags.statusCode()).isEqualTo(503);
        assertThat(openAi.statusCode()).as("a streamed call that never started is a plain error").isEqualTo(503);
        assertThat(openAi.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(ollama.statusCode()).isEqualTo(503);
        assertThat(ollamaError(ollama)).isEqualTo("a required service is not running");
        Await.until("no call in flight", Duration.ofSeconds(5), ide::inFlight, n -> n == 0);
    }

    @Test
    void aWrongLocalityHeaderUnknownRoutesAndMethodsAreAnsweredInTheProtocol() throws Exception {
        String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> locality = send("POST", "/v1/chat/completions", TOKEN, chat, "X-EdgeCoder-Locality", "anywhere");
        HttpResponse<String> unknown = send("GET", "/v1/embeddings", TOKEN, null);
        HttpResponse<String> method = send("DELETE", "/api/tags", TOKEN, null);

        assertThat(locality.statusCode()).isEqualTo(400);
        assertThat(openAiError(locality)).startsWith("X-EdgeCoder-Locality: must be local-only or mesh");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(openAiError(unknown)).isEqualTo("no such route: GET /v1/embeddings");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(ollamaError(method)).isEqualTo("method not allowed: DELETE /api/tags");
    }

    @Test
    void whenTheDefaultPortIsTakenTheEndpointListensOnAFreeOne() throws Exception {
        java.net.ServerSocket holder = null;
        try {
            holder = new java.net.ServerSocket();
            holder.setReuseAddress(true);
            holder.bind(new java.net.InetSocketAddress("127.0.0.1", IdeConfig.DEFAULT_PORT));
        } catch (java.io.IOException takenAlready) {
            // another program has the default port: the case under test all the same
        }
        try {
            IdeVerticle second = new IdeVerticle(new IdeConfig("127.0.0.1", IdeConfig.DEFAULT_PORT, true, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 4096, 8, "local", IdeTokens.adminOrPersonal(TOKEN, null), meters));
            PortalHarness.await(vertx.deployVerticle(second));

            assertThat(second.actualPort()).isPositive().isNotEqualTo(IdeConfig.DEFAULT_PORT);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.actualPort()
                + "/api/tags")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(401);
        } finally {
            if (holder != null) {
                holder.close();
            }
        }
    }

    @Test
    void aReadOnlyTokenListsButDoesNotCall() {
        Caller reader = new Caller("acc_1", false, Set.of("user"), null, Set.of(Caller.SCOPE_READ), Caller.VIA_TOKEN);
        Caller jobs = new Caller("acc_1", false, Set.of("user"), null, Set.of(Caller.SCOPE_JOBS), Caller.VIA_TOKEN);

        assertThat(IdeAuth.permitted(HttpMethod.GET, reader)).isTrue();
        assertThat(IdeAuth.permitted(HttpMethod.POST, reader)).isFalse();
        assertThat(IdeAuth.permitted(HttpMethod.POST, jobs)).isTrue();
        assertThat(IdeAuth.permitted(HttpMethod.POST, Caller.administrator())).isTrue();
    }
}
