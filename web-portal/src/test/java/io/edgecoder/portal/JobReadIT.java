package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading jobs: one by id and pages of the list, as the coordinator answers them. */
class JobReadIT {
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05.678Z");

    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void unknownJobIdAnswered404ByTheCoordinatorIs404() {
        portal.serve(CoordinatorAddresses.JOB_GET, JobGetRequest.class,
            request -> Future.failedFuture(MeshException.notFound("job '" + request.id() + "' not found")));

        HttpResponse<Buffer> response = portal.get("/api/v1/jobs/nope");

        assertError(response, 404, "not_found", "job 'nope' not found");
    }

    @ParameterizedTest(name = "id={0} → 400")
    @ValueSource(strings = {"a%20b", "a%09b"})
    void jobIdWithSpaceOrControlCharacterIs400AndNeverReachesTheCoordinator(String id) {
        List<JobGetRequest> asked = portal.record(CoordinatorAddresses.JOB_GET, JobGetRequest.class,
            request -> Future.succeededFuture(runningJob(request.id())));

        HttpResponse<Buffer> response = portal.get("/api/v1/jobs/" + id);

        assertError(response, 400, "bad_request", "id: must be 1..128 printable ASCII characters without spaces");
        assertThat(asked).isEmpty();
    }

    @Test
    void overlongJobIdIs400() {
        HttpResponse<Buffer> response = portal.get("/api/v1/jobs/" + "j".repeat(129));

        assertError(response, 400, "bad_request", "id: must be 1..128 printable ASCII characters without spaces");
    }

    @Test
    void runningJobHasEveryDocumentedFieldWithNullsForWhatIsNotKnownYet() {
        List<String> asked = new CopyOnWriteArrayList<>();
        portal.serve(CoordinatorAddresses.JOB_GET, JobGetRequest.class, request -> {
            asked.add(request.id());
            return Future.succeededFuture(runningJob(request.id()));
        });

        HttpResponse<Buffer> response = portal.get("/api/v1/jobs/job-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly("job-1");
        JsonObject job = response.bodyAsJsonObject();
        assertThat(job.fieldNames()).contains("id", "status", "verified", "subtasks", "createdAt", "finishedAt");
        assertThat(job.getString("id")).isEqualTo("job-1");
        assertThat(job.getString("status")).isEqualTo("running");
        assertThat(job.getBoolean("verified")).isFalse();
        assertThat(job.getString("isolation")).isEqualTo("process");
        assertThat(job.getString("planner")).isEqualTo("deterministic");
        assertThat(job.getString("plannerNote")).isEqualTo("model coder:7b: no plan within 60 s");
        assertThat(job.getString("createdAt")).isEqualTo("2025-01-02T03:04:05.678Z");
        assertThat(job.containsKey("finishedAt")).isTrue();
        assertThat(job.getValue("finishedAt")).isNull();
        assertThat(job.getJsonArray("notes")).containsExactly("mesh jobs may run on process-isolated workers");
        JsonArray subtasks = job.getJsonArray("subtasks");
        assertThat(subtasks).hasSize(2);
        JsonObject done = subtasks.getJsonObject(0);
        assertThat(done.getMap()).containsEntry("id", "job-1.1").containsEntry("test", "test_a.py")
            .containsEntry("worker", "n0011223344556677").containsEntry("status", "failed").containsEntry("attempts", 1)
            .containsEntry("exitCode", 1).containsEntry("durationMs", 120).containsEntry("stdout", "")
            .containsEntry("stderr", "AssertionError: 3 != 4");
        assertThat(done.getJsonObject("report")).isEqualTo(new JsonObject().put("run", 2).put("passed", 0).put("failed", 2)
            .put("errors", 1).put("skipped", 0).put("failures", new JsonArray()
                .add(new JsonObject().put("test", "test_a.A.test_sum").put("message", "AssertionError: 3 != 4"))
                .add(new JsonObject().put("test", "test_a.A.test_parse").put("message", null))));
        JsonObject pending = subtasks.getJsonObject(1);
        assertThat(pending.fieldNames()).contains("id", "test", "worker", "status", "attempts", "exitCode", "durationMs",
            "stdout", "stderr", "report");
        assertThat(pending.getValue("report")).isNull();
        assertThat(pending.getValue("worker")).isNull();
        assertThat(pending.getValue("exitCode")).isNull();
    }

    @Test
    void listForwardsLimitAndCursorAndReturnsThePage() {
        List<JobListRequest> asked = portal.record(CoordinatorAddresses.JOB_LIST, JobListRequest.class,
            request -> Future.succeededFuture(new JobListReply(List.of(runningJob("job-9"), runningJob("job-8")), "job-8")));

        HttpResponse<Buffer> response = portal.get("/api/v1/jobs?limit=2&after=job-10");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly(new JobListRequest(2, "job-10"));
        JsonObject page = response.bodyAsJsonObject();
        assertThat(page.getJsonArray("jobs")).extracting(j -> ((JsonObject) j).getString("id")).containsExactly("job-9", "job-8");
        assertThat(page.getString("next")).isEqualTo("job-8");
    }

    @Test
    void listWithoutParametersLeavesDefaultsToTheCoordinatorAndShowsTheLastPage() {
        List<JobListRequest> asked = portal.record(CoordinatorAddresses.JOB_LIST, JobListRequest.class,
            request -> Future.succeededFuture(new JobListReply(List.of(), null)));

        HttpResponse<Buffer> response = portal.get("/api/v1/jobs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly(new JobListRequest(null, null));
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("jobs", new JsonArray()).putNull("next"));
    }

    @ParameterizedTest(name = "limit={0} → 400")
    @ValueSource(strings = {"0", "201", "-1", "abc", "1.5", "", "99999999999"})
    void badLimitIsAnswered400NamingLimit(String limit) {
        HttpResponse<Buffer> response = portal.get("/api/v1/jobs?limit=" + limit);

        assertError(response, 400, "bad_request", "limit: must be an integer within 1..200");
    }

    @Test
    void repeatedLimitIsAnswered400() {
        HttpResponse<Buffer> response = portal.get("/api/v1/jobs?limit=5&limit=6");

        assertError(response, 400, "bad_request", "limit: given more than once");
    }

    @Test
    void overlongCursorIsAnswered400NamingAfter() {
        HttpResponse<Buffer> response = portal.get("/api/v1/jobs?after=" + "x".repeat(129));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("message")).startsWith("after:");
    }

    @Test
    void listWithoutACoordinatorIsAnswered503() {
        HttpResponse<Buffer> response = portal.get("/api/v1/jobs");

        assertError(response, 503, "unavailable", "a required service is not running");
    }

    @Test
    void anAgentJobsStepsShowWhatEachRoundsModelCallAndTestRunsCost() {
        AgentStep paid = new AgentStep(1, "nW", "coder", "p", "nI", "openai", 100, 20, "diff", "failed", null, 900, 210, 1120,
            CREATED, null, 100L, 61L, 67L);
        AgentStep unsettled = new AgentStep(2, "nW", "coder", "p", "nI", "openai", 100, 20, "diff", "passed", null, 900, 200,
            1110, CREATED, null, 100L, 58L, null);
        portal.serve(CoordinatorAddresses.JOB_GET, JobGetRequest.class,
            request -> Future.succeededFuture(runningJob(request.id()).withSteps(List.of(paid, unsettled))));

        JsonArray steps = portal.get("/api/v1/jobs/job-1").bodyAsJsonObject().getJsonArray("steps");

        assertThat(steps.getJsonObject(0).getLong("chargedMilli")).isEqualTo(100);
        assertThat(steps.getJsonObject(0).getLong("testCpuMs")).isEqualTo(61);
        assertThat(steps.getJsonObject(0).getLong("testChargedMilli")).isEqualTo(67);
        assertThat(steps.getJsonObject(1).fieldNames()).contains("testChargedMilli");
        assertThat(steps.getJsonObject(1).getLong("testChargedMilli")).isNull();
    }

    private static JobView runningJob(String id) {
        TestReport report = new TestReport(2, 0, 2, 0, List.of("test_a.A.test_sum", "test_a.A.test_parse"), 1,
            List.of(new TestFailure("test_a.A.test_sum", "AssertionError: 3 != 4"), new TestFailure("test_a.A.test_parse", null)));
        SubtaskView failed = new SubtaskView(id + ".1", "test_a.py", "n0011223344556677", "failed", 1, 1, 120L, 80L,
            "", "AssertionError: 3 != 4", "process", null, List.of(), report);
        SubtaskView pending = new SubtaskView(id + ".2", "test_b.py", null, "pending", 0, null, null, null, null, null, null);
        return new JobView(id, "two tests", "python", "local-only", "admin", "running", false, List.of(failed, pending),
            List.of("mesh jobs may run on process-isolated workers"), CREATED, null, "process", List.of(), 5, null, "deterministic",
            "model coder:7b: no plan within 60 s");
    }
}
