package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.ScriptedWorkers.Run;
import io.edgecoder.coordinator.ScriptedWorkers.Step;
import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's dispatch and retry rules against {@link ScriptedWorkers}: the coordinator and
 * inference roles run for real on a fresh database; the workers answer each run from a script.
 * A decline does not use up an attempt, a worker that never answers or dies loses the attempt
 * and another worker runs it, a {@code killed} run is no result, a {@code timeout} is a result,
 * and a subtask nobody completes ends {@code error} after the attempt limit.
 */
class ScriptedWorkerIT {
    private static final String TEST = "test_a.py";

    private Vertx vertx;
    private BusClient bus;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void aDeclineSendsTheRunOnWithoutUsingUpAnAttempt() throws Exception {
        ScriptedWorkers workers = start(Map.of(ConfigKeys.MAX_ATTEMPTS, "1"), 1,
            Step.DECLINE, Step.DECLINE, Step.DECLINE, Step.PASSED);

        JobView job = run(5);

        assertSteps(workers).containsExactly(Step.DECLINE, Step.DECLINE, Step.DECLINE, Step.PASSED);
        assertThat(job.jobStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.verified()).isTrue();
    }

    @Test
    void aWorkerThatNeverAnswersLosesTheAttemptAtTheReplyDeadlineAndAnotherWorkerRunsIt() throws Exception {
        // a deadline of 1 s + 5 s: long enough for a healthy reply on a loaded machine, short enough to wait out
        ScriptedWorkers workers = start(Map.of(ConfigKeys.REPLY_MARGIN_MS, "5000"), 2, Step.SILENT, Step.PASSED);

        JobView job = run(1);

        // on a loaded machine a healthy worker may miss the deadline too and be tried again: more runs are fine
        assertSteps(workers).startsWith(Step.SILENT, Step.PASSED).doesNotContain(Step.FAILED);
        assertRanOnTwoWorkers(workers);
        assertThat(only(job).subtaskStatus()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(only(job).attempts()).isEqualTo(workers.runs().size());
        assertThat(job.jobStatus()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aKilledRunIsNoResultAndRunsAgainOnAnotherWorker() throws Exception {
        ScriptedWorkers workers = start(Map.of(), 2, Step.KILLED, Step.PASSED);

        JobView job = run(5);

        assertSteps(workers).containsExactly(Step.KILLED, Step.PASSED);
        assertRanOnTwoWorkers(workers);
        assertThat(only(job).subtaskStatus()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(only(job).worker()).isEqualTo(workers.runs().get(1).worker());
        assertThat(job.verified()).isTrue();
    }

    @Test
    void aTimedOutRunIsAResultAndIsNotRunAgain() throws Exception {
        ScriptedWorkers workers = start(Map.of(), 2, Step.TIMEOUT, Step.PASSED);

        JobView job = run(5);

        assertSteps(workers).containsExactly(Step.TIMEOUT);
        assertThat(only(job).subtaskStatus()).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(only(job).attempts()).isEqualTo(1);
        assertThat(job.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.verified()).isFalse();
    }

    @Test
    void aLeaseLostWithItsWorkerRunsTheSubtaskOnAnotherWorkerBeforeTheReplyDeadline() throws Exception {
        // the reply deadline is 60 s + 30 s: only the lost lease can end the first attempt within the wait below
        ScriptedWorkers workers = start(Map.of(), 2, Step.VANISH, Step.PASSED);

        JobView job = run(60);

        assertSteps(workers).startsWith(Step.VANISH, Step.PASSED);
        assertRanOnTwoWorkers(workers);
        assertThat(only(job).subtaskStatus()).isEqualTo(SubtaskStatus.PASSED);
        assertThat(job.jobStatus()).isEqualTo(JobStatus.SUCCEEDED);
        String vanished = workers.runs().get(0).worker();
        assertThat(await(bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class))
            .workers()).extracting(hb -> hb.nodeId()).doesNotContain(vanished);
    }

    @Test
    void aSubtaskNoWorkerCompletesEndsAsAnErrorAfterTheAttemptLimit() throws Exception {
        ScriptedWorkers workers = start(Map.of(ConfigKeys.MAX_ATTEMPTS, "3"), 2, Step.KILLED);

        JobView job = run(5);

        assertSteps(workers).containsExactly(Step.KILLED, Step.KILLED, Step.KILLED);
        SubtaskView subtask = only(job);
        assertThat(subtask.subtaskStatus()).isEqualTo(SubtaskStatus.ERROR);
        assertThat(subtask.attempts()).isEqualTo(3);
        assertThat(subtask.stderr()).contains("after 3 attempt(s)").contains("killed the run");
        assertThat(job.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(job.verified()).isFalse();
    }

    private ScriptedWorkers start(Map<String, String> overrides, int count, Step... script) throws Exception {
        vertx = Vertx.vertx();
        Map<String, String> settings = new HashMap<>(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "5000",
            ConfigKeys.MISSED_HEARTBEATS, "25", ConfigKeys.HEARTBEAT_MS, String.valueOf(ScriptedWorkers.HEARTBEAT_MS)));
        settings.putAll(overrides);
        CoordinatorConfig config = CoordinatorConfig.from(Settings.of(ConfigKeys.defaults()).with(settings),
            TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null);
        await(vertx.deployVerticle(new InferenceVerticle(Duration.ofSeconds(5))));
        await(vertx.deployVerticle(new CoordinatorVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
        ScriptedWorkers workers = await(ScriptedWorkers.start(vertx, bus, count, script));
        Await.until("the coordinator knowing " + count + " worker(s)", Duration.ofSeconds(20),
            () -> await(bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)),
            reply -> reply.workers().size() == count);
        return workers;
    }

    private JobView run(int timeoutSeconds) throws Exception {
        JobSubmitRequest job = new JobSubmitRequest("scripted", "python", Map.of(TEST, "import unittest\n"), List.of(TEST),
            null, timeoutSeconds, "alice", null);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
        return Await.until("job " + id + " finishing", Duration.ofSeconds(60),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);
    }

    private static org.assertj.core.api.ListAssert<Step> assertSteps(ScriptedWorkers workers) {
        return assertThat(workers.runs().stream().map(Run::step).toList()).as("runs %s", workers.runs());
    }

    private static void assertRanOnTwoWorkers(ScriptedWorkers workers) {
        List<Run> runs = workers.runs();
        assertThat(runs.get(1).worker()).as("the second attempt prefers another worker").isNotEqualTo(runs.get(0).worker());
    }

    private static SubtaskView only(JobView job) {
        assertThat(job.subtasks()).hasSize(1);
        return job.subtasks().get(0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
