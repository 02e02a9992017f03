package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The coordinator and inference roles on a real database, driven through the bus. */
class CoordinatorIT {
    private static Vertx vertx;
    private static BusClient bus;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "300"));
        CoordinatorConfig config = CoordinatorConfig.from(settings, TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null);
        await(vertx.deployVerticle(new InferenceVerticle(Duration.ofSeconds(5))));
        await(vertx.deployVerticle(new CoordinatorVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JobSubmitRequest job(String title) {
        return new JobSubmitRequest(title, "python", Map.of("test_a.py", "import unittest\n"), List.of("test_a.py"),
            null, 5, "alice", null);
    }

    private static MeshException failure(Future<?> f) throws Exception {
        try {
            await(f);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException | CompletionException e) {
            return (MeshException) e.getCause();
        }
    }

    private static JobView awaitFinal(String id) throws Exception {
        return Await.until("job " + id + " finishing", Duration.ofSeconds(30),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);
    }

    @Test
    void aJobWithNoEligibleWorkerFailsWithAnExplainedSubtaskError() throws Exception {
        JobSubmitReply reply = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job("no workers"), JobSubmitReply.class));
        assertThat(reply.status()).isEqualTo("queued");

        JobView view = awaitFinal(reply.id());

        assertThat(view.status()).isEqualTo("failed");
        assertThat(view.verified()).isFalse();
        assertThat(view.locality()).isEqualTo("local-only");
        assertThat(view.requester()).isEqualTo("alice");
        assertThat(view.notes()).anyMatch(n -> n.contains("no eligible worker was known"))
            .anyMatch(n -> n.contains("no ledger was reachable at submission"));
        assertThat(view.subtasks()).singleElement().satisfies(s -> {
            assertThat(s.test()).isEqualTo("test_a.py");
            assertThat(s.status()).isEqualTo("error");
            assertThat(s.stderr()).contains("no eligible worker known for");
        });
    }

    @Test
    void invalidSpecsAreRefusedWithTheFieldNamed() throws Exception {
        JobSubmitRequest bad = new JobSubmitRequest("t", "cobol", Map.of("a.py", ""), List.of("a.py"), null, 5, "alice", null);
        MeshException e = failure(bus.request(CoordinatorAddresses.JOB_SUBMIT, bad, JobSubmitReply.class));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).startsWith("language:");
    }

    @Test
    void aRestrictedJobCannotBeAcceptedWhileNoWorkerCanCheckIt() throws Exception {
        JobSubmitRequest restricted = new JobSubmitRequest("r", "python", Map.of("test_a.py", "import unittest\n"),
            List.of("test_a.py"), null, 5, "alice", true);
        MeshException e = failure(bus.request(CoordinatorAddresses.JOB_SUBMIT, restricted, JobSubmitReply.class));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("restricted: no worker is available to check");
    }

    @Test
    void restrictedJavaIsRefusedAtIntake() throws Exception {
        JobSubmitRequest java = new JobSubmitRequest("j", "java", Map.of("FooTest.java", "class FooTest {}"),
            List.of("FooTest.java"), null, 5, "alice", true);
        MeshException e = failure(bus.request(CoordinatorAddresses.JOB_SUBMIT, java, JobSubmitReply.class));
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(e.getMessage()).isEqualTo("restricted is not supported for java");
    }

    @Test
    void unknownJobIsNotFound() throws Exception {
        MeshException e = failure(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest("nope"), JobView.class));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void listsNewestFirstWithACursor() throws Exception {
        String first = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job("list 1"), JobSubmitReply.class)).id();
        String second = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job("list 2"), JobSubmitReply.class)).id();

        JobListReply page = await(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(1, null), JobListReply.class));
        assertThat(page.jobs()).extracting(JobView::id).containsExactly(second);
        JobListReply next = await(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(1, page.next()), JobListReply.class));
        assertThat(next.jobs()).extracting(JobView::id).containsExactly(first);
    }

    @Test
    void badListArgumentsAreRefused() throws Exception {
        assertThat(failure(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(0, null), JobListReply.class))
            .getMessage()).startsWith("limit:");
        assertThat(failure(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(5, "missing"), JobListReply.class))
            .getMessage()).startsWith("after:");
    }
}
