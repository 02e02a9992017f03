package io.edgecoder.app.bench;

import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.app.Node;
import io.edgecoder.app.ScriptedOpenAiServer;
import io.edgecoder.core.Json;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Agent loop overhead per iteration, model time excluded: one node with every role (embedded
 * PostgreSQL, the real inference role with one OpenAI-compatible provider, the real sandbox), a
 * scripted model server in the same JVM that answers at once with a wrong implementation, and
 * agent jobs submitted over HTTP with {@code maxIterations} rounds each. From every recorded step:
 * {@code totalMs - modelMs} (the loop's own cost with the sandboxed test run) and
 * {@code totalMs - modelMs - testMs} (parsing, diffing, bookkeeping); {@code modelMs} itself is the
 * bus and HTTP round trip to an instant model.
 * Usage: AgentLoopBench [jobs] [iterations] (default 20 and 5, after 2 warm-up jobs).
 */
public final class AgentLoopBench {
    private static final String MODEL = "bench-coder";
    private static final String TEST = "import unittest\nfrom calc import add\n\n"
        + "class T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n";
    private static final String WRONG = "```python path=calc.py\ndef add(a, b):\n    return a - b\n```\n";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AgentLoopBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Vertx helper = Vertx.vertx();
        ScriptedOpenAiServer model = new ScriptedOpenAiServer(MODEL, List.of(ScriptedOpenAiServer.Answer.says(WRONG)))
            .start(helper).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Path dir = TempFiles.directoryRemovedAtExit("edgecoder-bench");
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.DATA_DIR, dir.toString(),
            ConfigKeys.HTTP_PORT, "0", ConfigKeys.BRIDGE_PORT, "0", ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()),
            ConfigKeys.WORKER_SLOTS, "2", "inference.providers", MODEL + "=" + model.url()));
        try (Node node = new Node(settings).start()) {
            String base = "http://127.0.0.1:" + node.httpPort();
            String token = Files.readString(dir.resolve("admin.token")).trim();
            awaitWorker(base, token);
            for (int i = 0; i < 2; i++) {
                steps(base, token, rounds);
            }
            List<Long> overhead = new ArrayList<>();
            List<Long> loopOnly = new ArrayList<>();
            List<Long> modelRoundTrip = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                for (Object o : steps(base, token, rounds)) {
                    JsonObject s = (JsonObject) o;
                    long total = s.getLong("totalMs");
                    overhead.add(total - s.getLong("modelMs"));
                    loopOnly.add(total - s.getLong("modelMs") - s.getLong("testMs"));
                    modelRoundTrip.add(s.getLong("modelMs"));
                }
            }
            System.out.println("iterations measured: " + overhead.size());
            System.out.println("per iteration, model time excluded (with the sandboxed test run): " + stats(overhead));
            System.out.println("per iteration, model and test time excluded (the loop itself):   " + stats(loopOnly));
            System.out.println("model round trip to an instant model (worker -> inference -> HTTP): " + stats(modelRoundTrip));
        } finally {
            helper.close();
        }
        System.exit(0);
    }

    private static String stats(List<Long> millis) {
        return new Stats(millis.stream().mapToLong(ms -> ms * 1_000_000).toArray()).summary();
    }

    /** Submits one agent job that uses all its rounds and returns its steps once it ended. */
    private static JsonArray steps(String base, String token, int rounds) throws Exception {
        String body = Json.write(Map.of("title", "agent bench", "language", "python", "files", Map.of("test_calc.py", TEST),
            "tests", List.of("test_calc.py"), "timeoutSeconds", 30, "prompt", "Write calc.py with add(a, b).", "model", MODEL,
            "maxIterations", rounds));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("submit failed: " + r.statusCode() + " " + r.body());
        }
        String id = new JsonObject(r.body()).getString("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            JsonObject job = new JsonObject(get(base + "/api/v1/jobs/" + id, token));
            if (job.getString("finishedAt") != null) {
                JsonArray steps = job.getJsonArray("steps");
                if (steps.size() != rounds) {
                    throw new IllegalStateException("expected " + rounds + " steps: " + job.encodePrettily());
                }
                return steps;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("job " + id + " did not end");
    }

    private static String get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitWorker(String base, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline
            && new JsonObject(get(base + "/api/v1/workers", token)).getJsonArray("workers").isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
