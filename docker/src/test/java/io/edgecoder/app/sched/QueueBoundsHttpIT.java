package io.edgecoder.app.sched;

import static io.edgecoder.app.SingleNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.SingleNode;
import io.edgecoder.core.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue bounds and deadlines over HTTP on one node as {@code edgecoder up} starts it, but without
 * a worker, so every accepted job stays queued: beyond {@code coordinator.queue.max.per.account}
 * a submission gets 429 with {@code Retry-After} and is not recorded; when a queued job ends, the
 * next submission is accepted; bad priorities and deadlines get 400 naming the field.
 */
class QueueBoundsHttpIT {
    private static final int BOUND = 3;
    @RegisterExtension
    static final SingleNode node = SingleNode.of("queue-bounds", Map.of(
        ConfigKeys.ROLES, "coordinator,inference,ledger,portal,control",
        ConfigKeys.QUEUE_MAX_PER_ACCOUNT, String.valueOf(BOUND),
        ConfigKeys.CAPACITY_WAIT_MS, "600000"));

    @Test
    void beyondTheBoundASubmissionGets429WithRetryAfterAndNothingIsRecordedOrLost() throws Exception {
        int before = listed().size();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < BOUND; i++) {
            HttpResponse<String> r = submit(job("queued " + i));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            accepted.add(json(r).getString("id"));
        }

        HttpResponse<String> full = submit(job("one too many"));

        assertThat(full.statusCode()).as(full.body()).isEqualTo(429);
        assertThat(Long.parseLong(full.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(json(full).getString("message")).contains("queue full").contains("at most " + BOUND);
        assertThat(listed()).as("the refused job was not recorded; the accepted ones are all there").hasSize(before + BOUND)
            .containsAll(accepted);

        assertThat(call("DELETE", "/api/v1/jobs/" + accepted.get(0), null).statusCode()).isEqualTo(200);
        HttpResponse<String> again = submit(job("one too many, again"));
        assertThat(again.statusCode()).as("a place freed: the retry is accepted").isEqualTo(202);
        accepted.subList(1, BOUND).forEach(id -> {
            try {
                assertThat(call("DELETE", "/api/v1/jobs/" + id, null).statusCode()).isEqualTo(200);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(call("DELETE", "/api/v1/jobs/" + json(again).getString("id"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadPriorityOrADeadlineAlreadyPassedIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> priority = submit(job("bad priority").put("priority", 12));
        HttpResponse<String> passed = submit(job("too late").put("deadline", Instant.now().minusSeconds(5).toString()));
        HttpResponse<String> far = submit(job("too far").put("deadline", Instant.now().plus(Duration.ofDays(8)).toString()));

        assertThat(priority.statusCode()).isEqualTo(400);
        assertThat(json(priority).getString("message")).startsWith("priority:");
        assertThat(passed.statusCode()).isEqualTo(400);
        assertThat(json(passed).getString("message")).startsWith("deadline: already passed");
        assertThat(far.statusCode()).isEqualTo(400);
        assertThat(json(far).getString("message")).startsWith("deadline:");
    }

    private static JsonObject job(String title) {
        return new JsonObject().put("title", title).put("language", "python")
            .put("files", new JsonObject().put("test_it.py", "import unittest\n")).put("tests", new JsonArray().add("test_it.py"));
    }

    private static HttpResponse<String> submit(JsonObject job) throws Exception {
        return call("POST", "/api/v1/jobs", job);
    }

    private static List<String> listed() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/jobs?limit=200", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).getJsonArray("jobs").stream().map(j -> ((JsonObject) j).getString("id")).toList();
    }

    private static HttpResponse<String> call(String method, String path, JsonObject body) throws Exception {
        return node.call(method, path, body);
    }
}
