package io.edgecoder.app;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.TempFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One node started in this JVM as {@code edgecoder up} starts it, for the HTTP integration tests:
 * the roles the test names, embedded PostgreSQL under a temporary data directory, the portal and
 * the edge bridge on free ports, a Hazelcast cluster of its own (a name no other test uses, a free
 * port) and the ledger's issuance off; then the bootstrap admin token the node wrote. A test's
 * settings override these. As a JUnit extension ({@code @RegisterExtension static final}) it starts
 * before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods;
 * {@link #close} stops the node and removes its data directory.
 */
public final class SingleNode implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final Map<String, String> settings;
    private Node node;
    private Path dataDir;
    private String clusterName;
    private int clusterPort;
    private String adminToken;

    private SingleNode(String name, Map<String, String> settings) {
        this.name = name;
        this.settings = Map.copyOf(settings);
    }

    /** A node named {@code name} (in its data directory's and cluster's names) with {@code settings} over the defaults; not started yet. */
    public static SingleNode of(String name, Map<String, String> settings) {
        return new SingleNode(name, settings);
    }

    /** Starts the node; blocking. On failure nothing is left running or on disk. */
    public SingleNode start() throws Exception {
        dataDir = Files.createTempDirectory("edgecoder-" + name);
        Map<String, String> values = new HashMap<>(Map.of(
            ConfigKeys.DATA_DIR, dataDir.toString(),
            ConfigKeys.HTTP_PORT, "0",
            ConfigKeys.BRIDGE_PORT, "0",
            ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()),
            ConfigKeys.CLUSTER_NAME, name + "-" + UUID.randomUUID(),
            "ledger.issuance.enabled", "false"));
        values.putAll(settings);
        clusterName = values.get(ConfigKeys.CLUSTER_NAME);
        clusterPort = Integer.parseInt(values.get(ConfigKeys.CLUSTER_PORT));
        node = new Node(Settings.of(ConfigKeys.defaults()).with(values));
        try {
            node.start();
            Path token = dataDir.resolve("admin.token");
            adminToken = Files.exists(token) ? Files.readString(token).trim() : null;
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public Node node() {
        return node;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String clusterName() {
        return clusterName;
    }

    public int clusterPort() {
        return clusterPort;
    }

    /** The token in {@code <data-dir>/admin.token} (null without the portal role). */
    public String adminToken() {
        return adminToken;
    }

    /** The portal's base URL, {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + node.httpPort();
    }

    /** A request to the portal's {@code path}, with {@code body} as JSON when there is one (60 s timeout, no credentials). */
    public HttpRequest.Builder request(String method, String path, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        return body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
            : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }

    /** Sends a request as the bearer of {@code token}. */
    public HttpResponse<String> call(String token, String method, String path, JsonObject body) throws Exception {
        return HTTP.send(request(method, path, body).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request with the admin token. */
    public HttpResponse<String> call(String method, String path, JsonObject body) throws Exception {
        return call(adminToken, method, path, body);
    }

    /** The response's body as a JSON object. */
    public static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    /** A TCP port free at the time of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (dataDir != null) {
                TempFiles.deleteTree(dataDir);
            }
        }
    }
}
