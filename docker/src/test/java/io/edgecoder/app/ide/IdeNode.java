package io.edgecoder.app.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.Node;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real node as {@code edgecoder up --roles inference,portal --provider ...} starts it (embedded
 * PostgreSQL for the accounts, its own cluster, the real inference role with two providers pointing
 * at a {@link FakeModelServer}), with its IDE endpoint on a free port. Ready once the endpoint lists
 * both models (the inference role has heard its own heartbeat).
 */
final class IdeNode implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final Node node;
    final Path dir;
    final String adminToken;

    private IdeNode(Node node, Path dir) throws Exception {
        this.node = node;
        this.dir = dir;
        this.adminToken = Files.readString(dir.resolve("admin.token")).trim();
    }

    static IdeNode start(FakeModelServer models, Map<String, String> extra) throws Exception {
        Path dir = io.edgecoder.core.testing.TempFiles.directoryRemovedAtExit("edgecoder-ide");
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
            ConfigKeys.ROLES, "inference,portal",
            ConfigKeys.DATA_DIR, dir.toString(),
            ConfigKeys.HTTP_PORT, "0",
            ConfigKeys.BRIDGE_PORT, "0",
            ConfigKeys.OPERATOR_PORT, "0",
            ConfigKeys.IDE_PORT, "0",
            ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()),
            ConfigKeys.CLUSTER_NAME, "ide-it-" + UUID.randomUUID(),
            ConfigKeys.INFERENCE_PROVIDERS, "ollama=" + models.ollamaUrl() + ",llama=" + models.openAiUrl(),
            ConfigKeys.INFERENCE_HEARTBEAT_MS, "1000"));
        settings.put(ConfigKeys.INFERENCE_REFRESH_MS, "500");
        // no ledger role on this node: its calls are free unless a test deploys a ledger and turns settlement on
        settings.put(ConfigKeys.INFERENCE_SETTLEMENT, "false");
        settings.putAll(extra);
        IdeNode started = new IdeNode(new Node(Settings.of(ConfigKeys.defaults()).with(settings)).start(), dir);
        Await.until("the IDE endpoint to list both models", Duration.ofSeconds(60),
            () -> started.call(started.adminToken, "GET", "/v1/models", null).body(),
            body -> body.contains(FakeModelServer.OLLAMA_MODEL) && body.contains(FakeModelServer.OPENAI_MODEL));
        return started;
    }

    String ideUrl() {
        return "http://127.0.0.1:" + node.idePort();
    }

    HttpResponse<String> call(String token, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ideUrl() + path)).timeout(Duration.ofSeconds(60))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A person with a personal API token of {@code scope}, made through the portal's API as a person would. */
    String personalToken(String email, String scope) throws Exception {
        String portal = "http://127.0.0.1:" + node.httpPort();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/admin/accounts"))
            .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", PASSWORD)
                .put("roles", new JsonArray()).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> session = browser.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/sessions"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                new JsonObject().put("email", email).put("password", PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        HttpResponse<String> token = browser.send(HttpRequest.newBuilder(URI.create(portal + "/api/v1/tokens"))
            .header("Content-Type", "application/json").header("X-CSRF-Token", new JsonObject(session.body()).getString("csrfToken"))
            .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", "ide").put("scopes", new JsonArray().add(scope))
                .encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return new JsonObject(token.body()).getString("token");
    }

    /** A streamed call of the slow model over a raw socket, read until its first piece, then left open (close it to go away). */
    Socket openSlowStream() throws Exception {
        Socket socket = new Socket("127.0.0.1", node.idePort());
        socket.setSoTimeout(30_000);
        byte[] body = chatBody(FakeModelServer.SLOW_MODEL, true).getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + adminToken
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        String line;
        do {
            line = in.readLine();
        } while (line != null && !line.contains("\"done\":false"));
        assertThat(line).as("a first piece of the stream").isNotNull();
        return socket;
    }

    static String chatBody(String model, boolean stream) {
        return new JsonObject().put("model", model).put("stream", stream)
            .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "write add"))).encode();
    }

    static List<String> lines(String body) {
        return body.lines().filter(l -> !l.isBlank()).toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
