package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.edgecoder.core.testing.Await;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real thing: two JVMs started from the built jar on loopback, {@code up} and
 * {@code up --roles worker --join ...}, and a job submitted over HTTP that runs on both.
 */
@Tag("slow")
class TwoProcessIT {
    private static final Path JAR = Path.of("target/edgecoder.jar");
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static String token;
    private static Path mainDir;
    private static Path workerDir;

    @BeforeAll
    static void startNodes() throws Exception {
        assertThat(JAR).exists();
        mainDir = Files.createTempDirectory("edgecoder-main");
        workerDir = Files.createTempDirectory("edgecoder-worker");
        int http = freePort();
        int clusterPort = freePort();
        Process main = start(mainDir, "up", "--data-dir", mainDir.toString(), "--http-port", String.valueOf(http),
            "--cluster-port", String.valueOf(clusterPort), "--bridge-port", "0");
        awaitLog(main, mainDir.resolve("node.log"), "EdgeCoder node");
        Process worker = start(workerDir, "up", "--roles", "worker", "--data-dir", workerDir.toString(),
            "--cluster-port", String.valueOf(freePort()), "--join", "127.0.0.1:" + clusterPort,
            "--ca", mainDir.resolve("ca").toString());
        awaitLog(worker, workerDir.resolve("node.log"), "EdgeCoder node");
        base = "http://127.0.0.1:" + http;
        token = Files.readString(mainDir.resolve("admin.token")).trim();
        awaitWorkers(2);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (Process p : PROCESSES) {
            p.destroy();
        }
        for (Process p : PROCESSES) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        // Both nodes' data directories, the main one with its embedded PostgreSQL.
        for (Path dir : new Path[] {mainDir, workerDir}) {
            if (dir != null) {
                EdgecoderCli.deleteTree(dir);
            }
        }
    }

    private static Process start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-Dedgecoder.worker.slots=1", "-jar",
            JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        PROCESSES.add(p);
        return p;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitLog(Process p, Path log, String marker) throws Exception {
        Await.until("the node logging '" + marker + "'", Duration.ofSeconds(120), () -> {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!text.contains(marker) && !p.isAlive()) {
                throw new AssertionError("node exited with " + p.exitValue() + ":\n" + text);
            }
            return text;
        }, text -> text.contains(marker));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitWorkers(int count) throws Exception {
        Await.until(count + " workers joining", Duration.ofSeconds(60), () -> get("/api/v1/workers"),
            r -> r.statusCode() == 200 && new JsonObject(r.body()).getJsonArray("workers").size() >= count);
    }

    @Test
    void healthIsServedWithoutAuthentication() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(r.body()).getString("database")).isEqualTo("up");
    }

    @Test
    void dataFilesBesideTestsTravelWithTheJobAndReportsComeBackPerSubtask() throws Exception {
        String reader = """
            import os, unittest
            HERE = os.path.dirname(__file__)
            class Table(unittest.TestCase):
                def test_reads_its_data(self):
                    with open(os.path.join(HERE, 'data', 'table.csv')) as f:
                        self.assertEqual(f.read().splitlines(), ['a,b', '1,2'])
            """;
        String failing = """
            import unittest
            class Bad(unittest.TestCase):
                def test_ok(self):
                    pass
                def test_sum(self):
                    self.assertEqual(1 + 2, 4)
                def test_parse(self):
                    int('x')
            """;
        Map<String, Object> job = Map.of("title", "data and reports", "language", "python",
            "files", Map.of("pkg/test_table.py", reader, "pkg/data/table.csv", "a,b\n1,2\n", "test_bad.py", failing),
            "tests", List.of("pkg/test_table.py", "test_bad.py"), "locality", "local-only", "timeoutSeconds", 60);

        JsonObject result = runOverHttp(job);

        JsonObject table = subtask(result, "pkg/test_table.py");
        assertThat(table.getString("status")).as(table.encodePrettily()).isEqualTo("passed");
        assertThat(table.getJsonObject("report")).isEqualTo(new JsonObject()
            .put("run", 1).put("passed", 1).put("failed", 0).put("errors", 0).put("skipped", 0).put("failures", new JsonArray()));
        JsonObject bad = subtask(result, "test_bad.py");
        assertThat(bad.getString("status")).isEqualTo("failed");
        JsonObject report = bad.getJsonObject("report");
        assertThat(List.of(report.getInteger("run"), report.getInteger("passed"), report.getInteger("failed"),
            report.getInteger("errors"), report.getInteger("skipped"))).containsExactly(3, 1, 2, 1, 0);
        assertThat(report.getJsonArray("failures")).containsExactlyInAnyOrder(
            new JsonObject().put("test", "test_bad.Bad.test_sum").put("message", "AssertionError: 3 != 4"),
            new JsonObject().put("test", "test_bad.Bad.test_parse")
                .put("message", "ValueError: invalid literal for int() with base 10: 'x'"));
    }

    private static JsonObject runOverHttp(Map<String, Object> job) throws Exception {
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = new JsonObject(submitted.body()).getString("id");
        return Await.until("job " + id + " finishing", Duration.ofSeconds(90),
            () -> new JsonObject(get("/api/v1/jobs/" + id).body()), view -> view.getString("finishedAt") != null);
    }

    private static JsonObject subtask(JsonObject job, String test) {
        return job.getJsonArray("subtasks").stream().map(JsonObject.class::cast)
            .filter(s -> s.getString("test").equals(test)).findFirst().orElseThrow();
    }

    @Test
    void aJobSubmittedOverHttpRunsOnBothProcesses() throws Exception {
        Map<String, Object> job = Map.of("title", "two jvms", "language", "python",
            "files", Map.of("calc.py", Jobs.CALC, "test_one.py", Jobs.PASSING, "test_two.py", Jobs.PASSING),
            "tests", List.of("test_one.py", "test_two.py"), "locality", "local-only", "timeoutSeconds", 60);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).isEqualTo(202);
        String id = new JsonObject(submitted.body()).getString("id");

        JsonObject result = Await.until("job " + id + " finishing", Duration.ofSeconds(90),
            () -> new JsonObject(get("/api/v1/jobs/" + id).body()), view -> view.getString("finishedAt") != null);
        assertThat(result.getString("status")).as(result.encodePrettily()).isEqualTo("succeeded");
        assertThat(result.getBoolean("verified")).isTrue();
        JsonArray subtasks = result.getJsonArray("subtasks");
        Set<String> workers = new HashSet<>();
        subtasks.forEach(s -> workers.add(((JsonObject) s).getString("worker")));
        assertThat(workers).hasSize(2);
    }
}
