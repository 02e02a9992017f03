package io.edgecoder.app.bench;

import io.edgecoder.app.Node;
import io.edgecoder.core.Json;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.worker.app.WorkerConfig;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Submit-to-verified latency of a one-test Python job on one node (all roles, embedded
 * PostgreSQL), with pre-started sandboxes ({@code worker.warm=true}) and without, next to the
 * bare {@code python3 -m unittest} of the same file.
 * Usage: JobLatencyBench [iterations] (default 100, after 20 warm-up jobs).
 */
public final class JobLatencyBench {
    private static final String CALC = "def add(a, b):\n    return a + b\n";
    private static final String TEST = "import unittest\nfrom calc import add\n\n"
        + "class T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n";

    private JobLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Stats warm = new Stats(edgecoder(n, true));
        Stats cold = new Stats(edgecoder(n, false));
        Stats b = new Stats(bare(n));
        System.out.println("edgecoder submit->verified, pre-started sandboxes: " + warm.summary());
        System.out.println("edgecoder submit->verified, cold sandboxes:        " + cold.summary());
        System.out.println("bare python3 -m unittest:                          " + b.summary());
        System.out.printf("warm median - bare median: %.1f ms; cold median - bare median: %.1f ms%n",
            warm.percentileMillis(50) - b.percentileMillis(50), cold.percentileMillis(50) - b.percentileMillis(50));
        System.exit(0);
    }

    /** n measured jobs (after 20 warm-up jobs) on a fresh node whose worker keeps pre-started sandboxes or not. */
    private static long[] edgecoder(int n, boolean warm) throws Exception {
        Path dir = Files.createTempDirectory("edgecoder-bench");
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.DATA_DIR, dir.toString(),
            ConfigKeys.HTTP_PORT, "0", ConfigKeys.BRIDGE_PORT, "0", ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()), ConfigKeys.WORKER_SLOTS, "2",
            WorkerConfig.WARM, Boolean.toString(warm)));
        try (Node node = new Node(settings).start()) {
            Map<String, CompletableFuture<Long>> finished = new ConcurrentHashMap<>();
            node.vertx().eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS, msg -> {
                JobEvent e = Json.fromJson(msg.body(), JobEvent.class);
                if (e.subtaskId() == null && ("succeeded".equals(e.status()) || "failed".equals(e.status()))) {
                    // A failed job is no latency figure: -1 stops the benchmark.
                    finished.computeIfAbsent(e.jobId(), k -> new CompletableFuture<>())
                        .complete("succeeded".equals(e.status()) ? System.nanoTime() : -1L);
                }
            });
            String token = Files.readString(dir.resolve("admin.token")).trim();
            Submitter submitter = new Submitter("http://127.0.0.1:" + node.httpPort(), token, finished);
            awaitWorker(submitter);
            for (int i = 0; i < 20; i++) {
                submitter.submitAndWait();
            }
            long[] edge = new long[n];
            for (int i = 0; i < n; i++) {
                edge[i] = submitter.submitAndWait();
            }
            return edge;
        }
    }

    private static void awaitWorker(Submitter submitter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !submitter.hasWorker()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static long[] bare(int n) throws Exception {
        Path ws = Files.createTempDirectory("edgecoder-bare");
        Files.writeString(ws.resolve("calc.py"), CALC);
        Files.writeString(ws.resolve("test_calc.py"), TEST);
        long[] out = new long[n];
        for (int i = -5; i < n; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "test_calc.py").directory(ws.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bare run failed");
            }
            if (i >= 0) {
                out[i] = System.nanoTime() - t0;
            }
        }
        return out;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Submitter(String base, String token, Map<String, CompletableFuture<Long>> finished) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        boolean hasWorker() throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workers"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !new JsonObject(r.body()).getJsonArray("workers").isEmpty();
        }

        long submitAndWait() throws Exception {
            String body = Json.write(Map.of("title", "bench", "language", "python",
                "files", Map.of("calc.py", CALC, "test_calc.py", TEST), "tests", List.of("test_calc.py"), "timeoutSeconds", 30));
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("submit failed: " + r.statusCode() + " " + r.body());
            }
            String id = new JsonObject(r.body()).getString("id");
            long done = finished.computeIfAbsent(id, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
            finished.remove(id);
            if (done < 0) {
                throw new IllegalStateException("job " + id + " failed");
            }
            return done - t0;
        }
    }
}
