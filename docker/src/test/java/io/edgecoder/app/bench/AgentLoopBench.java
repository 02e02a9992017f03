package io.edgecoder.app.bench;

import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.app.Node;
import io.edgecoder.app.ScriptedOpenAiServer;
import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.trust.AgentRunStatement;
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
import java.time.Instant;
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
            List<Long> testCpu = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                for (Object o : steps(base, token, rounds)) {
                    JsonObject s = (JsonObject) o;
                    long total = s.getLong("totalMs");
                    overhead.add(total - s.getLong("modelMs"));
                    loopOnly.add(total - s.getLong("modelMs") - s.getLong("testMs"));
                    modelRoundTrip.add(s.getLong("modelMs"));
                    if (s.getLong("testCpuMs") != null) {
                        testCpu.add(s.getLong("testCpuMs"));
                    }
                }
            }
            System.out.println("iterations measured: " + overhead.size());
            System.out.println("per iteration, model time excluded (with the sandboxed test run): " + stats(overhead));
            System.out.println("per iteration, model and test time excluded (the loop itself):   " + stats(loopOnly));
            System.out.println("model round trip to an instant model (worker -> inference -> HTTP): " + stats(modelRoundTrip));
            System.out.println("sandbox CPU per iteration (testCpuMs, paid to the worker when the job is verified): "
                + stats(testCpu));
            signingCost(rounds);
        } finally {
            helper.close();
        }
        System.exit(0);
    }

    /**
     * What paying the loop's runs adds once per loop, not per iteration: the worker signs its reply over every round's
     * measures and the files ({@code AgentRunStatement}), the coordinator verifies it. Measured here in-process.
     */
    private static void signingCost(int rounds) {
        NodeIdentity key = NodeIdentity.ephemeral();
        AgentRunRequest sent = new AgentRunRequest("job", "job-agent-1", "lease", "python", Map.of("test_calc.py", TEST),
            List.of("test_calc.py"), "Write calc.py", MODEL, rounds, 30, 300, Actor.user("bench"), "local", true, null, null);
        List<AgentStep> steps = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            steps.add(new AgentStep(i, "worker", MODEL, "prompt", "node", MODEL, 100, 20, "diff", "failed",
                new TestReport(1, 0, 1, 0, List.of("test_calc.T.test_add")), 5, 200, 210, Instant.now(), null, 100L, 60L, null));
        }
        AgentRunReply reply = new AgentRunReply("worker", AgentRunReply.FAILED, Map.of("test_calc.py", TEST, "calc.py", WRONG),
            steps, "bound reached");
        List<Long> sign = new ArrayList<>();
        List<Long> verify = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long t0 = System.nanoTime();
            String signature = AgentRunStatement.of(sent, reply).sign(key);
            long t1 = System.nanoTime();
            boolean ok = AgentRunStatement.of(sent, reply).verify(key.publicKeyBase64(), signature);
            long t2 = System.nanoTime();
            if (!ok) {
                throw new IllegalStateException("the signature did not verify");
            }
            if (i >= 1000) {
                sign.add(t1 - t0);
                verify.add(t2 - t1);
            }
        }
        System.out.println("once per loop of " + rounds + " rounds: worker signs its reply: "
            + new Stats(sign.stream().mapToLong(Long::longValue).toArray()).summary());
        System.out.println("once per loop of " + rounds + " rounds: coordinator verifies it:  "
            + new Stats(verify.stream().mapToLong(Long::longValue).toArray()).summary());
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
