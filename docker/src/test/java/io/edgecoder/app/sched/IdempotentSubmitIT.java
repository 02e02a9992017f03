package io.edgecoder.app.sched;

import static io.edgecoder.app.SingleNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.SingleNode;
import io.edgecoder.app.SubmitCommand;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobIntake;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotent job submission on one node as {@code edgecoder up} starts it (coordinator, ledger with
 * escrow, portal; real PostgreSQL), without a worker, so accepted jobs stay queued: a repeated
 * {@code Idempotency-Key} yields one job and one escrow, also when the first reply was lost after
 * the coordinator committed and when the repeats race each other; the same key with another job is
 * a 409; a bad key is a 400 and records nothing.
 */
class IdempotentSubmitIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @RegisterExtension
    static final SingleNode node = SingleNode.of("idempotent", Map.of(
        ConfigKeys.ROLES, "coordinator,inference,ledger,portal,control",
        ConfigKeys.CAPACITY_WAIT_MS, "600000"));

    @Test
    void aRepeatWithTheSameKeyReturnsTheFirstJobAndEscrowsOnce() throws Exception {
        String title = "repeat " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = submit(job(title), key);
        HttpResponse<String> again = submit(job(title), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(first.headers().firstValue(JobIntake.REPLAYED_HEADER)).isEmpty();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String id = json(first).getString("id");
        assertThat(json(again).getString("id")).isEqualTo(id);
        assertThat(json(again).getBoolean("replayed")).isTrue();
        assertThat(again.headers().firstValue(JobIntake.REPLAYED_HEADER)).contains("true");
        assertThat(again.headers().firstValue("Location")).contains("/api/v1/jobs/" + id);
        assertThat(jobsTitled(title)).containsExactly(id);
        assertThat(holds(id)).as("one escrow for the job").isEqualTo(1);
        cancel(id);
    }

    @Test
    void repeatsSentAtTheSameTimeRecordOneJob() throws Exception {
        String title = "race " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(HTTP.sendAsync(request(job(title), key), HttpResponse.BodyHandlers.ofString()));
        }

        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> r : sent) {
            HttpResponse<String> response = r.get(120, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(json(response).getString("id"));
        }

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(jobsTitled(title)).containsExactly(ids.get(0));
        assertThat(holds(ids.get(0))).isEqualTo(1);
        cancel(ids.get(0));
    }

    @Test
    void aReplyLostAfterTheCoordinatorCommittedIsRecoveredByRepeatingTheKey() throws Exception {
        String title = "lost reply " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        JobSubmitRequest job = new JobSubmitRequest(title, "python", Map.of("test_it.py", "import unittest\n"),
            List.of("test_it.py"), null, null, "admin", null).withIdempotencyKey(key);
        // given a caller that gives up after 1 ms: the coordinator goes on and records the job
        BusClient impatient = new BusClient(node.node().vertx(), Duration.ofMillis(1));
        MeshException lost = failure(impatient.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)
            .toCompletionStage().toCompletableFuture());
        assertThat(lost.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        String recorded = Await.until("the job recorded after its caller gave up", Duration.ofSeconds(60),
            () -> jobsTitled(title), ids -> ids.size() == 1).get(0);
        Await.until("its escrow", Duration.ofSeconds(60), () -> holds(recorded), n -> n == 1);

        // when the client repeats the submission with the same key (over HTTP, as the portal's form does)
        HttpResponse<String> retry = submit(job(title), key);

        // then it gets the job recorded first: one job, one escrow
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(json(retry).getString("id")).isEqualTo(recorded);
        assertThat(json(retry).getBoolean("replayed")).isTrue();
        assertThat(jobsTitled(title)).containsExactly(recorded);
        assertThat(holds(recorded)).isEqualTo(1);
        cancel(recorded);
    }

    @Test
    void theSameKeyWithADifferentJobIsRefusedWith409AndChangesNothing() throws Exception {
        String title = "first " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = submit(job(title), key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);

        HttpResponse<String> other = submit(job(title).put("timeoutSeconds", 7), key);

        assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
        assertThat(json(other).getString("error")).isEqualTo("conflict");
        assertThat(json(other).getString("message")).startsWith(JobIntake.IDEMPOTENCY_HEADER + ": ")
            .contains("already used for a different job").contains(json(first).getString("id"));
        assertThat(jobsTitled(title)).containsExactly(json(first).getString("id"));
        cancel(json(first).getString("id"));
    }

    @Test
    void aBadKeyIsA400NamingTheHeaderAndRecordsNothing() throws Exception {
        String title = "bad key " + UUID.randomUUID();
        for (String bad : List.of("x".repeat(JobIntake.MAX_KEY_LENGTH + 1), "two words", "a/b", "")) {
            HttpResponse<String> r = submit(job(title), bad);

            assertThat(r.statusCode()).as("key '%s': %s", bad, r.body()).isEqualTo(400);
            assertThat(json(r).getString("message")).startsWith(JobIntake.IDEMPOTENCY_HEADER + ": ");
        }
        HttpResponse<String> twice = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/jobs"))
            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + node.adminToken())
            .header(JobIntake.IDEMPOTENCY_HEADER, "k1").header(JobIntake.IDEMPOTENCY_HEADER, "k2")
            .POST(HttpRequest.BodyPublishers.ofString(job(title).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
        assertThat(jobsTitled(title)).isEmpty();
    }

    @Test
    void theCliSendsAKeyAndARepeatOfTheKeyGetsTheSameJob() throws Exception {
        String title = "cli " + UUID.randomUUID();
        String key = "cli-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream out1 = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream out2 = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        String base = node.base();
        String admin = node.adminToken();

        int first = SubmitCommand.run(base, admin, job(title).encode(), key, new java.io.PrintStream(out1), new java.io.PrintStream(err));
        int again = SubmitCommand.run(base, admin, job(title).encode(), key, new java.io.PrintStream(out2), new java.io.PrintStream(err));
        int bad = SubmitCommand.run(base, admin, job(title).encode(), "not a key", System.out, new java.io.PrintStream(err));

        assertThat(first).as(err.toString()).isZero();
        assertThat(again).as(err.toString()).isZero();
        String id = new JsonObject(out1.toString().trim()).getString("id");
        assertThat(new JsonObject(out2.toString().trim()).getString("id")).isEqualTo(id);
        assertThat(new JsonObject(out2.toString().trim()).getBoolean("replayed")).isTrue();
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString()).contains("--key: ");
        assertThat(jobsTitled(title)).containsExactly(id);
        cancel(id);
    }

    private static JsonObject job(String title) {
        return new JsonObject().put("title", title).put("language", "python")
            .put("files", new JsonObject().put("test_it.py", "import unittest\n")).put("tests", new JsonArray().add("test_it.py"));
    }

    private static HttpRequest request(JsonObject job, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/jobs")).timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + node.adminToken()).header("Content-Type", "application/json");
        if (key != null) {
            b = b.header(JobIntake.IDEMPOTENCY_HEADER, key);
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(job.encode())).build();
    }

    private static HttpResponse<String> submit(JsonObject job, String key) throws Exception {
        return HTTP.send(request(job, key), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> jobsTitled(String title) throws Exception {
        HttpResponse<String> r = get("/api/v1/jobs?limit=200");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).getJsonArray("jobs").stream().map(JsonObject.class::cast)
            .filter(j -> title.equals(j.getString("title"))).map(j -> j.getString("id")).toList();
    }

    /** Hold entries into the job's escrow account. */
    private static long holds(String jobId) throws Exception {
        HttpResponse<String> r = get("/api/v1/ledger/accounts/" + URLEncoder.encode("hold:" + jobId, StandardCharsets.UTF_8)
            + "/history?limit=1000");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).getJsonArray("entries").stream().map(JsonObject.class::cast)
            .filter(e -> "hold".equalsIgnoreCase(e.getString("kind"))).count();
    }

    private static void cancel(String id) throws Exception {
        HttpResponse<String> r = node.call("DELETE", "/api/v1/jobs/" + id, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return node.call("GET", path, null);
    }

    private static MeshException failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
            throw new AssertionError("expected the impatient request to time out");
        } catch (ExecutionException e) {
            return BusClient.toMesh(e.getCause());
        }
    }
}
