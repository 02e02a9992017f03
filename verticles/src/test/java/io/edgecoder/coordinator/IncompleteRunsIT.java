package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.ResultStatement;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator and inference roles on a real database with one scripted worker that answers
 * each test file from a script: a run whose report was incomplete is run again, never finalised
 * as failed, and the report of the attempt that finished is what the job shows.
 */
class IncompleteRunsIT {
    private static final TestReport FAILED_REPORT = new TestReport(2, 1, 1, 0, List.of("test_b.B.test_x"), 0,
        List.of(new TestFailure("test_b.B.test_x", "AssertionError: 1 != 2")));
    private static final Map<String, List<String>> SCRIPT = Map.of(
        "test_flaky.py", List.of("incomplete", "passed"),
        "test_b.py", List.of("failed"),
        "test_never.py", List.of("incomplete", "incomplete", "incomplete", "incomplete"));

    private static Vertx vertx;
    private static BusClient bus;
    private static final NodeIdentity IDENTITY = NodeIdentity.ephemeral();
    private static final String WORKER = IDENTITY.nodeId();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "2000",
            ConfigKeys.MAX_ATTEMPTS, "3"));
        CoordinatorConfig config = CoordinatorConfig.from(settings, TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null);
        await(vertx.deployVerticle(new InferenceVerticle(Duration.ofSeconds(5))));
        await(vertx.deployVerticle(new CoordinatorVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
        await(bus.consumer(WorkerAddresses.run(WORKER), RunSubtaskRequest.class, IncompleteRunsIT::answer));
        vertx.setPeriodic(0, 200, id -> bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT,
            new WorkerHeartbeat(WORKER, "local", List.of("python"), 2, 2, 0, "strong", 200, IDENTITY.publicKeyBase64(), 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    /** The scripted worker: the n-th run of a test file gets the n-th status of its script. */
    private static Future<RunSubtaskReply> answer(RunSubtaskRequest request) {
        int n = CALLS.computeIfAbsent(request.subtaskId(), k -> new AtomicInteger()).getAndIncrement();
        List<String> script = SCRIPT.get(request.test());
        String status = script.get(Math.min(n, script.size() - 1));
        TestReport report = switch (status) {
            case "passed" -> new TestReport(1, 1, 0, 0, List.of());
            case "failed" -> FAILED_REPORT;
            default -> new TestReport(0, 0, 0, 0, List.of(request.test()));
        };
        RunSubtaskReply reply = new RunSubtaskReply(WORKER, status, status.equals("passed") ? 0 : 1, 10, 5, null,
            "", "attempt " + (n + 1) + " " + status, false, "strong", report);
        return Future.succeededFuture(reply.signed(ResultStatement.of(request, reply).sign(IDENTITY)));
    }

    @Test
    void anIncompleteRunIsRunAgainAndThePassingAttemptStands() throws Exception {
        JobView job = run("test_flaky.py");

        SubtaskView subtask = job.subtasks().get(0);
        assertThat(subtask.status()).isEqualTo("passed");
        assertThat(subtask.attempts()).isEqualTo(2);
        assertThat(subtask.report()).isEqualTo(new TestReport(1, 1, 0, 0, List.of()));
        assertThat(job.status()).isEqualTo("succeeded");
    }

    @Test
    void aRunThatStaysIncompleteEndsAsAnErrorNotAFailure() throws Exception {
        JobView job = run("test_never.py");

        SubtaskView subtask = job.subtasks().get(0);
        assertThat(subtask.status()).isEqualTo("error");
        assertThat(subtask.attempts()).isEqualTo(3);
        assertThat(subtask.stderr()).contains("after 3 attempt(s)").contains("incomplete");
        assertThat(job.verified()).isFalse();
    }

    @Test
    void aFailedRunIsFinalAndItsReportNamesTheFailureWithItsMessage() throws Exception {
        JobView job = run("test_b.py");

        SubtaskView subtask = job.subtasks().get(0);
        assertThat(subtask.status()).isEqualTo("failed");
        assertThat(subtask.attempts()).isEqualTo(1);
        assertThat(subtask.report()).isEqualTo(FAILED_REPORT);
    }

    private static JobView run(String test) throws Exception {
        JobSubmitRequest job = new JobSubmitRequest(test, "python", Map.of(test, "import unittest\n"), List.of(test),
            null, 5, "alice", null);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
        return Await.until("job " + id + " finishing", Duration.ofSeconds(60),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
