package io.edgecoder.app.bench;

import io.edgecoder.core.testing.TempFiles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Submit-to-verified latency of a one-test job on one node (all roles, embedded PostgreSQL), with
 * pre-started sandboxes ({@code worker.warm=true}) and without, next to the bare run of the same
 * file ({@code python3 -m unittest}, {@code node --test}; one bare run after each job, so both are
 * sampled over the same minutes), for Python and JavaScript. Each job's
 * time is also split at the coordinator's events (see {@link JobTimeline}).
 * Usage: JobLatencyBench [iterations] [python|javascript ...] (default 100, both languages; after 20 warm-up jobs).
 */
public final class JobLatencyBench {
    /** One language's job: its files, its test file, and the bare command that runs it. */
    private record Case(String language, Map<String, String> files, String test, List<String> bare) {
    }

    private static final Case PYTHON = new Case("python", Map.of("calc.py", "def add(a, b):\n    return a + b\n",
        "test_calc.py", "import unittest\nfrom calc import add\n\n"
            + "class T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n"),
        "test_calc.py", List.of("/usr/bin/python3", "-m", "unittest", "test_calc.py"));
    private static final Case JAVASCRIPT = new Case("javascript", Map.of("calc.js", "exports.add = (a, b) => a + b;\n",
        "calc.test.js", "const test = require('node:test');\nconst assert = require('node:assert');\n"
            + "const { add } = require('./calc');\n\ntest('adds', () => assert.strictEqual(add(2, 3), 5));\n"),
        "calc.test.js", List.of("/usr/bin/node", "--test", "--test-reporter=tap", "calc.test.js"));

    private JobLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<Case> cases = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            cases.add("javascript".equals(args[i]) ? JAVASCRIPT : PYTHON);
        }
        for (Case c : cases.isEmpty() ? List.of(PYTHON, JAVASCRIPT) : cases) {
            run(c, n);
        }
        System.exit(0);
    }

    private static void run(Case c, int n) throws Exception {
        Path ws = bareWorkspace(c);
        List<Long> bareWarm = new ArrayList<>();
        List<Long> bareCold = new ArrayList<>();
        JobTimeline warm = edgecoder(c, n, true, ws, bareWarm);
        JobTimeline cold = edgecoder(c, n, false, ws, bareCold);
        List<Long> bareRuns = new ArrayList<>(bareWarm);
        bareRuns.addAll(bareCold);
        Stats bare = new Stats(bareRuns.stream().mapToLong(Long::longValue).toArray());
        Stats w = warm.total();
        Stats k = cold.total();
        System.out.println("== " + c.language() + " (" + n + " jobs each)");
        System.out.println("edgecoder submit->verified, pre-started sandboxes: " + w.summary());
        System.out.println("edgecoder submit->verified, cold sandboxes:        " + k.summary());
        System.out.println("bare " + String.join(" ", c.bare()) + " (one after each job): " + bare.summary());
        // After a warm job the worker refills its pool while the bare run runs: the bare runs of the cold phase are the fairer floor.
        System.out.println("  of which after warm jobs: " + new Stats(bareWarm.stream().mapToLong(Long::longValue).toArray()).summary());
        System.out.println("  of which after cold jobs: " + new Stats(bareCold.stream().mapToLong(Long::longValue).toArray()).summary());
        System.out.printf("warm median - bare median: %.1f ms; cold median - bare median: %.1f ms%n",
            w.percentileMillis(50) - bare.percentileMillis(50), k.percentileMillis(50) - bare.percentileMillis(50));
        System.out.println("medians of the steps, pre-started: " + warm.steps());
        System.out.println("medians of the steps, cold:        " + cold.steps());
    }

    /**
     * n measured jobs (after 20 warm-up jobs) on a fresh node whose worker keeps pre-started sandboxes or not;
     * after each, one bare run of the same file in {@code ws} (into {@code bareRuns}), so that the bare figure is
     * taken over the same minutes as the jobs on a machine whose load drifts.
     */
    private static JobTimeline edgecoder(Case c, int n, boolean warm, Path ws, List<Long> bareRuns) throws Exception {
        Path dir = TempFiles.directoryRemovedAtExit("edgecoder-bench");
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.DATA_DIR, dir.toString(),
            ConfigKeys.HTTP_PORT, "0", ConfigKeys.BRIDGE_PORT, "0", ConfigKeys.CLUSTER_PORT, String.valueOf(freePort()), ConfigKeys.WORKER_SLOTS, "2",
            WorkerConfig.WARM, Boolean.toString(warm)));
        try (Node node = new Node(settings).start()) {
            JobTimeline timeline = new JobTimeline();
            node.vertx().eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS,
                msg -> timeline.heard(Json.fromJson(msg.body(), JobEvent.class), System.nanoTime()));
            String token = Files.readString(dir.resolve("admin.token")).trim();
            Submitter submitter = new Submitter("http://127.0.0.1:" + node.httpPort(), token, timeline);
            awaitWorker(submitter);
            for (int i = 0; i < 20; i++) {
                submitter.submitAndWait(c, false);
            }
            for (int i = 0; i < n; i++) {
                submitter.submitAndWait(c, true);
                bareRuns.add(bareRun(c, ws));
            }
            return timeline;
        }
    }

    private static void awaitWorker(Submitter submitter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !submitter.hasWorker()) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** A plain directory with the job's files, run in 5 times before it counts (the page cache warm). */
    private static Path bareWorkspace(Case c) throws Exception {
        Path ws = TempFiles.directoryRemovedAtExit("edgecoder-bare");
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Files.writeString(ws.resolve(f.getKey()), f.getValue());
        }
        for (int i = 0; i < 5; i++) {
            bareRun(c, ws);
        }
        return ws;
    }

    /** One bare run of the test file in {@code ws}, in nanoseconds. */
    private static long bareRun(Case c, Path ws) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(c.bare()).directory(ws.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bare run failed");
        }
        return System.nanoTime() - t0;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private record Submitter(String base, String token, JobTimeline timeline) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        boolean hasWorker() throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workers"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !new JsonObject(r.body()).getJsonArray("workers").isEmpty();
        }

        void submitAndWait(Case c, boolean measured) throws Exception {
            String body = Json.write(Map.of("title", "bench", "language", c.language(),
                "files", c.files(), "tests", List.of(c.test()), "timeoutSeconds", 30));
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("submit failed: " + r.statusCode() + " " + r.body());
            }
            String id = new JsonObject(r.body()).getString("id");
            timeline.submitted(id, t0);
            if (!timeline.awaitEnd(id, 60)) {
                throw new IllegalStateException("job " + id + " failed");
            }
            // Settlement runs after the verified event: not part of the job's time, and not to overlap a bare run.
            timeline.awaitSettled(id, 10);
            if (measured) {
                timeline.keep(id, sandboxWallMs(id));
            } else {
                timeline.drop(id);
            }
        }

        /** The wall time the worker's sandbox reported for the job's one subtask. */
        private long sandboxWallMs(String id) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return new JsonObject(r.body()).getJsonArray("subtasks").getJsonObject(0).getLong("durationMs");
        }
    }
}
