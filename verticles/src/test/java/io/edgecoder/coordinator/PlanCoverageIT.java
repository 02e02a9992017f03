package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.PlannedSubtask;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coordinator refuses a plan that does not cover each test file exactly once (a fake planner on the inference address). */
class PlanCoverageIT {
    /** The coordinator's organisation (the default); the jobs are local-only (the default), so planned in it. */
    private static final String ORG = "local";
    private Vertx vertx;
    private BusClient bus;

    /** A planner that answers whatever the test decides. */
    private static final class FakePlanner extends VerticleBase {
        private final Function<PlanRequest, PlanReply> answer;

        FakePlanner(Function<PlanRequest, PlanReply> answer) {
            this.answer = answer;
        }

        @Override
        public Future<?> start() {
            return new BusClient(vertx, Duration.ofSeconds(5))
                .consumer(InferenceAddresses.plan(ORG, true), PlanRequest.class, r -> Future.succeededFuture(answer.apply(r)));
        }
    }

    private void start(Function<PlanRequest, PlanReply> planner) throws Exception {
        vertx = Vertx.vertx();
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "300"));
        await(vertx.deployVerticle(new FakePlanner(planner)));
        await(vertx.deployVerticle(new CoordinatorVerticle(
            CoordinatorConfig.from(settings, TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null))));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static PlanReply planOf(String... tests) {
        return new PlanReply(java.util.Arrays.stream(tests).map(PlannedSubtask::new).toList(), "fake");
    }

    private JobView submitAndAwait() throws Exception {
        JobSubmitRequest job = new JobSubmitRequest("two tests", "python",
            Map.of("test_a.py", "import unittest\n", "test_b.py", "import unittest\n"), List.of("test_a.py", "test_b.py"),
            null, 5, "alice", null);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
        return Await.until("job " + id + " finishing", Duration.ofSeconds(30),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);
    }

    @Test
    void aPlanLeavingOutATestFileFailsTheJobUnverifiedWithTheFileNamed() throws Exception {
        start(request -> planOf("test_a.py"));

        JobView view = submitAndAwait();

        assertThat(view.status()).isEqualTo("failed");
        assertThat(view.verified()).isFalse();
        assertThat(view.subtasks()).as("nothing of a refused plan runs").isEmpty();
        assertThat(view.notes()).contains("plan refused: the plan leaves out test_b.py (each test file must be planned exactly once)");
    }

    @Test
    void aPlanRunningATestFileTwiceOrAnotherFileIsRefused() throws Exception {
        start(request -> planOf("test_a.py", "test_b.py", "test_a.py", "calc.py"));

        JobView view = submitAndAwait();

        assertThat(view.status()).isEqualTo("failed");
        assertThat(view.verified()).isFalse();
        assertThat(view.notes()).anyMatch(n -> n.startsWith("plan refused: the plan plans more than once test_a.py;"
            + " plans files that are not test files of the job calc.py"));
    }

    @Test
    void aCoveringPlanInAnotherOrderRuns() throws Exception {
        start(request -> planOf("test_b.py", "test_a.py"));

        JobView view = submitAndAwait();

        assertThat(view.subtasks()).extracting(s -> s.test()).containsExactly("test_b.py", "test_a.py");
        assertThat(view.planner()).as("the planner that made the plan is recorded on the job").isEqualTo("fake");
        assertThat(view.plannerNote()).isNull();
        assertThat(view.notes()).noneMatch(n -> n.startsWith("plan refused"));
    }
}
