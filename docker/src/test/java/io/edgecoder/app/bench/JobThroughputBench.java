package io.edgecoder.app.bench;

import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.app.Node;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.Json;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobEvent;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end throughput: {@code n} one-test Python jobs submitted at once to one node (all roles,
 * embedded PostgreSQL, a worker with 2 slots, `strong` sandbox), from the first submission to the
 * last job stored as verified; next to the same files run bare ({@code python3 -m unittest}) two
 * at a time. Prints both rates and their ratio, each submission's time to its 202 and the answers it retried:
 * every job carries an {@code Idempotency-Key} and is sent again with the same key after a 429, 503 or 504
 * ({@link RetryingSubmitter}), and the run checks that exactly one job was recorded per submission.
 * Usage: JobThroughputBench [jobs] (default 200, after 10 warm-up jobs).
 */
public final class JobThroughputBench {
    private static final String CALC = "def add(a, b):\n    return a + b\n";
    private static final String TEST = "import unittest\nfrom calc import add\n\n"
        + "class T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private JobThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = TempFiles.directoryRemovedAtExit("edgecoder-bench");
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.DATA_DIR, dir.toString(),
            ConfigKeys.HTTP_PORT, "0", ConfigKeys.BRIDGE_PORT, "0", ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()),
            // the default coordinator.capacity.wait.ms (30 s): the burst queues 200 subtasks on 2 slots, and a subtask
            // waits for a slot as long as an eligible worker is known (coordinator.md, "Scheduling")
            ConfigKeys.WORKER_SLOTS, "2"));
        double edgeSeconds;
        int succeeded;
        try (Node node = new Node(settings).start()) {
            Map<String, CompletableFuture<String>> finished = new ConcurrentHashMap<>();
            node.vertx().eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS, msg -> {
                JobEvent e = Json.fromJson(msg.body(), JobEvent.class);
                if (e.subtaskId() == null && (JobStatus.SUCCEEDED.wire().equals(e.status()) || JobStatus.FAILED.wire().equals(e.status()))) {
                    finished.computeIfAbsent(e.jobId(), k -> new CompletableFuture<>()).complete(e.status());
                }
            });
            String base = "http://127.0.0.1:" + node.httpPort();
            String token = Files.readString(dir.resolve("admin.token")).trim();
            RetryingSubmitter submitter = new RetryingSubmitter(HTTP, base, token);
            awaitWorker(base, token);
            batch(submitter, finished, 10);
            submitter.reset();
            long t0 = System.nanoTime();
            succeeded = batch(submitter, finished, n);
            edgeSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.println("submit -> 202 (with retries): " + new Stats(submitter.latencies()).summary());
            System.out.println("submissions: " + submitter.retries());
            System.out.println("jobs recorded in all (10 warm-up + " + n + "): " + recorded(base, token));
        }
        double bareSeconds = bare(n);
        System.out.printf("edgecoder: %d jobs (%d succeeded) in %.1f s = %.2f jobs/s%n", n, succeeded, edgeSeconds, n / edgeSeconds);
        System.out.printf("bare python3 -m unittest, two at a time: %d runs in %.1f s = %.2f runs/s%n", n, bareSeconds,
            n / bareSeconds);
        System.out.printf("ratio edgecoder/bare throughput: %.2f (edgecoder takes %.1fx as long)%n", bareSeconds / edgeSeconds,
            edgeSeconds / bareSeconds);
        System.exit(0);
    }

    /** Submits {@code n} jobs at once and waits for all of them; returns how many succeeded. */
    private static int batch(RetryingSubmitter submitter, Map<String, CompletableFuture<String>> finished, int n) throws Exception {
        String body = Json.write(Map.of("title", "bench", "language", "python",
            "files", Map.of("calc.py", CALC, "test_calc.py", TEST), "tests", List.of("test_calc.py"), "timeoutSeconds", 60));
        List<CompletableFuture<String>> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(submitter.submit(body));
        }
        int ok = 0;
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (CompletableFuture<String> id : ids) {
            String job = id.get(600, TimeUnit.SECONDS);
            distinct.add(job);
            String status = finished.computeIfAbsent(job, k -> new CompletableFuture<>()).get(600, TimeUnit.SECONDS);
            finished.remove(job);
            ok += JobStatus.SUCCEEDED.wire().equals(status) ? 1 : 0;
        }
        if (distinct.size() != n) {
            throw new IllegalStateException(n + " submissions answered with " + distinct.size() + " distinct job ids");
        }
        return ok;
    }

    /** How many jobs the coordinator holds in all (pages of the job list). */
    private static int recorded(String base, String token) throws Exception {
        int count = 0;
        String after = null;
        do {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs?limit=200"
                    + (after == null ? "" : "&after=" + after))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
            JsonObject page = new JsonObject(r.body());
            count += page.getJsonArray("jobs").size();
            after = page.getString("next");
        } while (after != null);
        return count;
    }

    private static void awaitWorker(String base, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workers"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && !new JsonObject(r.body()).getJsonArray("workers").isEmpty()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Seconds to run the file {@code n} times, two processes at a time, each in its own directory. */
    private static double bare(int n) throws Exception {
        Path ws = TempFiles.directoryRemovedAtExit("edgecoder-bare");
        Files.writeString(ws.resolve("calc.py"), CALC);
        Files.writeString(ws.resolve("test_calc.py"), TEST);
        ExecutorService two = Executors.newFixedThreadPool(2);
        AtomicInteger failed = new AtomicInteger();
        try {
            long t0 = System.nanoTime();
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(two.submit(() -> {
                    Process p = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "test_calc.py").directory(ws.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    if (p.waitFor() != 0) {
                        failed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " bare runs failed");
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            two.shutdown();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
