package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Json;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several coordinators across JVMs: three processes from the built jar share one PostgreSQL
 * (started by this test) and one Hazelcast cluster: a node with the portal, ledger, inference
 * and a worker, and two coordinator-only nodes. Jobs are submitted over HTTP and spread over both
 * coordinators; one coordinator process is killed with SIGKILL while it owns unfinished jobs. The
 * other takes them over and finishes them, and the ledger pays every subtask exactly once: one
 * {@code earn} entry per subtask, keyed by the attempt the job's result names, and every job's
 * hold emptied.
 */
@Tag("slow")
class CoordinatorFailoverIT {
    private static final Pattern NODE_UP = Pattern.compile("EdgeCoder node (\\S+) up");
    private static final String SLOW_TEST = """
        import time, unittest
        class Slow(unittest.TestCase):
            def test_slow(self):
                time.sleep(2)
        """;
    private static final int JOBS = 6;

    private final List<Process> processes = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private Pool db;
    private String base;
    private String token;

    @BeforeEach
    void setUp() {
        assertThat(EdgecoderCli.JAR).exists();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (db != null) {
            Jobs.await(db.close());
        }
        Jobs.await(vertx.close());
        for (Path dir : dirs) {
            EdgecoderCli.deleteTree(dir);
        }
    }

    @Test
    void aCoordinatorKilledWithSigkillHasItsJobsFinishedByAnotherAndEachSubtaskIsPaidOnce() throws Exception {
        String dbUrl = TestDatabase.freshDatabase();
        db = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(dbUrl)).using(vertx).build();
        int clusterPort = freePort();
        int httpPort = freePort();
        Path mainDir = dir("edgecoder-failover-main");
        Node main = up(mainDir, dbUrl, "portal,ledger,inference,worker", "--cluster-port", String.valueOf(clusterPort),
            "--http-port", String.valueOf(httpPort), "--bridge-port", "-1", "--operator-port", "-1");
        base = "http://127.0.0.1:" + httpPort;
        token = Files.readString(mainDir.resolve("admin.token")).trim();
        String join = "127.0.0.1:" + clusterPort;
        Node doomed = up(dir("edgecoder-failover-c1"), dbUrl, "coordinator", "--cluster-port", String.valueOf(freePort()),
            "--join", join, "--ca", mainDir.resolve("ca").toString());
        Node survivor = up(dir("edgecoder-failover-c2"), dbUrl, "coordinator", "--cluster-port", String.valueOf(freePort()),
            "--join", join, "--ca", mainDir.resolve("ca").toString());
        awaitWorker();

        // given jobs spread over both coordinators, some of them the doomed one's and unfinished
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            jobs.add(submit(i));
        }
        Await.until("the doomed coordinator owning an unfinished job", Duration.ofSeconds(120),
            () -> unfinishedOwnedBy(doomed.id()), n -> n > 0);

        // when it is killed with SIGKILL
        long killedAt = System.nanoTime();
        doomed.process().destroyForcibly();
        assertThat(doomed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<String> orphaned = Set.copyOf(jobsOwnedBy(doomed.id()));

        // then the survivor takes them over and every job finishes verified
        Await.until("the survivor owning the killed coordinator's jobs", Duration.ofSeconds(180),
            () -> unfinishedOwnedBy(doomed.id()), n -> n == 0);
        long takenOverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        for (String id : jobs) {
            JsonObject job = awaitFinished(id);
            assertThat(job.getString("status")).as(job.encodePrettily()).isEqualTo("succeeded");
            assertThat(job.getBoolean("verified")).isTrue();
        }
        long finishedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertThat(survivor.process().isAlive()).isTrue();
        assertThat(Files.readString(survivor.log())).containsAnyOf("taking over", "resuming");
        System.out.printf("coordinator failover: %d unfinished job(s) of the killed coordinator taken over %d ms after SIGKILL,"
            + " all %d jobs verified %d ms after it%n", orphaned.size(), takenOverMs, JOBS, finishedMs);

        // and the ledger paid each subtask once, from each job's hold, which is empty
        for (String id : jobs) {
            awaitSettled(id);
            assertPaidOncePerSubtask(id);
        }
        assertThat(main.process().isAlive()).isTrue();
    }

    private record Node(Process process, String id, Path log) {
    }

    private Path dir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        dirs.add(dir);
        return dir;
    }

    private Node up(Path dir, String dbUrl, String roles, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m", "-Dedgecoder.worker.slots=2", "-jar", EdgecoderCli.JAR.toAbsolutePath().toString(),
            "up", "--roles", roles, "--data-dir", dir.toString(), "--db-url", dbUrl));
        command.addAll(List.of(more));
        Path log = dir.resolve("node.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        String text = Await.until("node " + dir.getFileName() + " up", Duration.ofSeconds(180), () -> {
            String t = Files.exists(log) ? Files.readString(log) : "";
            if (!NODE_UP.matcher(t).find() && !p.isAlive()) {
                throw new AssertionError("node exited with " + p.exitValue() + ":\n" + t);
            }
            return t;
        }, t -> NODE_UP.matcher(t).find());
        Matcher m = NODE_UP.matcher(text);
        assertThat(m.find()).isTrue();
        return new Node(p, m.group(1), log);
    }

    private void awaitWorker() throws Exception {
        Await.until("the worker known to the coordinators", Duration.ofSeconds(60), () -> get("/api/v1/workers"),
            r -> r.statusCode() == 200 && !new JsonObject(r.body()).getJsonArray("workers").isEmpty());
    }

    private String submit(int i) throws Exception {
        Map<String, Object> job = Map.of("title", "failover " + i, "language", "python",
            "files", Map.of("test_a.py", SLOW_TEST, "test_b.py", SLOW_TEST),
            "tests", List.of("test_a.py", "test_b.py"), "locality", "local-only", "timeoutSeconds", 30);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(Json.write(job))).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return new JsonObject(r.body()).getString("id");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject awaitFinished(String id) throws Exception {
        HttpResponse<String> r = Await.until("job " + id + " finishing", Duration.ofSeconds(240), () -> get("/api/v1/jobs/" + id),
            res -> res.statusCode() == 200 && new JsonObject(res.body()).getString("finishedAt") != null);
        return new JsonObject(r.body());
    }

    private int unfinishedOwnedBy(String owner) throws Exception {
        return Jobs.await(db.preparedQuery("SELECT count(*) FROM jobs WHERE owner = $1 AND status IN ('queued', 'running')")
            .execute(Tuple.of(owner))).iterator().next().getInteger(0);
    }

    private List<String> jobsOwnedBy(String owner) throws Exception {
        List<String> ids = new ArrayList<>();
        Jobs.await(db.preparedQuery("SELECT id FROM jobs WHERE owner = $1 AND status IN ('queued', 'running')")
            .execute(Tuple.of(owner))).forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    private void awaitSettled(String id) throws Exception {
        Await.until("job " + id + " settled", Duration.ofSeconds(120),
            () -> Jobs.await(db.preparedQuery("SELECT settled FROM jobs WHERE id = $1").execute(Tuple.of(id))).iterator().next().getBoolean(0),
            Boolean.TRUE::equals);
    }

    /** One earn entry per subtask, keyed by the attempt the stored result names; the job's hold is empty. */
    private void assertPaidOncePerSubtask(String id) throws Exception {
        Set<String> attempts = new HashSet<>();
        int subtasks = 0;
        for (Row row : Jobs.await(db.preparedQuery("SELECT attempt_id FROM subtasks WHERE job_id = $1").execute(Tuple.of(id)))) {
            attempts.add("settle:" + row.getString(0));
            subtasks++;
        }
        List<String> earned = new ArrayList<>();
        Jobs.await(db.preparedQuery("SELECT idempotency_key FROM ledger_entries WHERE kind = 'earn' AND reference = $1")
            .execute(Tuple.of("job:" + id))).forEach(row -> earned.add(row.getString(0)));
        assertThat(subtasks).isEqualTo(2);
        assertThat(earned).as("earn entries of job " + id).hasSize(subtasks).containsExactlyInAnyOrderElementsOf(attempts);
        long hold = Jobs.await(db.preparedQuery("SELECT coalesce(sum(balance_milli), 0) FROM ledger_accounts WHERE account = $1")
            .execute(Tuple.of("hold:" + id))).iterator().next().getLong(0);
        assertThat(hold).as("hold of job " + id).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
