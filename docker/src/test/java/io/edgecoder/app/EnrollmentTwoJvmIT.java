package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.trust.EnrollmentToken;
import io.vertx.core.json.JsonArray;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Enrollment, approval and revocation across two JVMs started from the built jar: the first node
 * (every role, its own CA) hands out a token over HTTP; a second JVM started with
 * {@code --enroll TOKEN --join ...} waits as pending and is not a worker; once approved it joins and
 * runs part of a job, and restarts without the token; once revoked its heartbeats are refused and it
 * gets no more work.
 */
@Tag("slow")
class EnrollmentTwoJvmIT {
    private static final Path JAR = Path.of("target/edgecoder.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private String base;
    private String adminToken;

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (Path dir : dirs) {
            EdgecoderCli.deleteTree(dir);
        }
    }

    @Test
    void aNodeEnrollsWaitsForApprovalWorksAndIsCutOffWhenRevoked() throws Exception {
        Path mainDir = tempDir("edgecoder-enroll-main");
        Path workerDir = tempDir("edgecoder-enroll-worker");
        int http = freePort();
        int clusterPort = freePort();
        Process main = start(mainDir, "up", "--data-dir", mainDir.toString(), "--http-port", String.valueOf(http),
            "--cluster-port", String.valueOf(clusterPort));
        awaitLog(main, mainDir.resolve("node.log"), "EdgeCoder node");
        base = "http://127.0.0.1:" + http;
        adminToken = Files.readString(mainDir.resolve("admin.token")).trim();
        awaitWorkers(1);

        // given a token an admin created over HTTP
        HttpResponse<String> created = post("/api/v1/enrollment/tokens", new JsonObject().put("roles", new JsonArray().add("worker")), true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = new JsonObject(created.body()).getString("token");
        assertThat(EnrollmentToken.parse(token).portalUrl()).isEqualTo(base);
        assertThat(new JsonObject(created.body()).getString("command")).contains("--enroll " + token, "--roles worker", "--join 127.0.0.1:");

        // when a second JVM enrolls with it, it waits as pending and is no worker of the mesh
        Process worker = startWorker(workerDir, clusterPort, "--enroll", token);
        String log = awaitLog(worker, workerDir.resolve("node.log"), "waiting for approval");
        JsonObject pending = Await.until("the node listed as pending", Duration.ofSeconds(30),
            () -> new JsonObject(get("/api/v1/nodes?status=pending").body()), list -> list.getJsonArray("nodes").size() == 1)
            .getJsonArray("nodes").getJsonObject(0);
        String nodeId = pending.getString("nodeId");
        assertThat(log).contains("enrolled as node " + nodeId, pending.getString("keyFingerprint"));
        assertThat(workerIds()).doesNotContain(nodeId).hasSize(1);
        assertThat(Files.readString(workerDir.resolve("node.log"))).doesNotContain("EdgeCoder node");

        // and the used token lets nobody else in
        NodeIdentity other = NodeIdentity.ephemeral();
        HttpResponse<String> reused = post("/api/v1/enroll", new JsonObject().put("token", token).put("publicKey", other.publicKeyBase64())
            .put("proof", Base64.getEncoder().encodeToString(other.sign(EnrollmentToken.enrollProof(token)))), false);
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(409);

        // once approved it joins and runs part of a job
        HttpResponse<String> approved = post("/api/v1/nodes/" + nodeId + "/approve", new JsonObject().put("reason", "test machine"), true);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        awaitLog(worker, workerDir.resolve("node.log"), "EdgeCoder node");
        awaitWorkers(2);
        assertThat(runJob()).contains(nodeId);

        // a restart needs no token
        worker.destroy();
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Files.move(workerDir.resolve("node.log"), workerDir.resolve("node-1.log"));
        Process restarted = startWorker(workerDir, clusterPort);
        awaitLog(restarted, workerDir.resolve("node.log"), "EdgeCoder node");
        awaitWorkers(2);

        // once revoked, its messages are refused and it gets no more work
        HttpResponse<String> revoked = post("/api/v1/nodes/" + nodeId + "/revoke", new JsonObject().put("reason", "retired"), true);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        awaitLog(main, mainDir.resolve("node.log"), "node " + nodeId + " is revoked");
        Await.until("the coordinator forgetting the revoked worker", Duration.ofSeconds(30), this::workerIds, ids -> !ids.contains(nodeId));
        assertThat(runJob()).doesNotContain(nodeId);
    }

    private Set<String> runJob() throws Exception {
        Map<String, Object> job = Map.of("title", "enrolled", "language", "python",
            "files", Map.of("calc.py", Jobs.CALC, "test_one.py", Jobs.PASSING, "test_two.py", Jobs.PASSING),
            "tests", List.of("test_one.py", "test_two.py"), "locality", "local-only", "timeoutSeconds", 60);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = new JsonObject(submitted.body()).getString("id");
        JsonObject result = Await.until("job " + id + " finishing", Duration.ofSeconds(120),
            () -> new JsonObject(get("/api/v1/jobs/" + id).body()), view -> view.getString("finishedAt") != null);
        assertThat(result.getString("status")).as(result.encodePrettily()).isEqualTo("succeeded");
        Set<String> workers = new HashSet<>();
        result.getJsonArray("subtasks").forEach(s -> workers.add(((JsonObject) s).getString("worker")));
        return workers;
    }

    private Set<String> workerIds() throws Exception {
        Set<String> ids = new HashSet<>();
        new JsonObject(get("/api/v1/workers").body()).getJsonArray("workers").forEach(w -> ids.add(((JsonObject) w).getString("nodeId")));
        return ids;
    }

    private void awaitWorkers(int count) throws Exception {
        Await.until(count + " workers in the capacity table", Duration.ofSeconds(60), this::workerIds, ids -> ids.size() >= count);
    }

    private Process startWorker(Path dir, int clusterPort, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("up", "--roles", "worker", "--data-dir", dir.toString(),
            "--cluster-port", String.valueOf(freePort()), "--join", "127.0.0.1:" + clusterPort));
        args.addAll(List.of(more));
        return start(dir, args.toArray(String[]::new));
    }

    private Process start(Path dir, String... args) throws IOException {
        assertThat(JAR).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-Dedgecoder.worker.slots=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        processes.add(p);
        return p;
    }

    private Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        dirs.add(dir);
        return dir;
    }

    private static String awaitLog(Process p, Path log, String marker) throws Exception {
        return Await.until("the node logging '" + marker + "'", Duration.ofSeconds(120), () -> {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains(marker) && !p.isAlive()) {
                throw new AssertionError("node exited with " + p.exitValue() + ":\n" + text);
            }
            return text;
        }, text -> text.contains(marker));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + adminToken)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, JsonObject body, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (admin) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
