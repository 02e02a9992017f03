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
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs belong to their requester, on a real coordinator and database: another person neither
 * reads, lists nor cancels them (404, as for an unknown id); an admin sees and cancels every job;
 * a cancelled job's waiting subtasks never start, and a job that ended cannot be cancelled (409).
 */
class JobOwnershipIT {
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor BOB = Actor.user("bob");
    private static final Actor ADMIN = Actor.operator();

    private static Vertx vertx;
    private static BusClient bus;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // No worker: subtasks wait for capacity long enough to be cancelled while waiting.
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "120000"));
        CoordinatorConfig config = CoordinatorConfig.from(settings, TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null);
        await(vertx.deployVerticle(new InferenceVerticle(Duration.ofSeconds(5))));
        await(vertx.deployVerticle(new CoordinatorVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void anotherPersonCannotReadListOrCancelAJobAndIsToldItDoesNotExist() throws Exception {
        String id = submit("alice", "private");

        assertNotFound(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id, BOB), JobView.class), id);
        assertNotFound(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, BOB), JobView.class), id);
        assertThat(list(BOB, null).jobs()).extracting(JobView::id).doesNotContain(id);
        assertThat(get(id, ALICE).requester()).isEqualTo("alice");
        assertThat(get(id, ALICE).status()).isIn("queued", "running");
        assertThat(list(ALICE, null).jobs()).extracting(JobView::id).contains(id);
    }

    @Test
    void aPersonListsOnlyTheirOwnJobsWhileAnAdminListsEveryoneSByStatusAndPage() throws Exception {
        String alices = submit("alice", "a");
        String bobs = submit("bob", "b");

        assertThat(list(ALICE, null).jobs()).extracting(JobView::requester).containsOnly("alice");
        assertThat(list(BOB, null).jobs()).extracting(JobView::requester).containsOnly("bob");
        assertThat(list(ADMIN, null).jobs()).extracting(JobView::id).contains(alices, bobs);
        await(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(bobs, BOB), JobView.class));
        assertThat(list(ADMIN, "cancelled").jobs()).extracting(JobView::id).contains(bobs).doesNotContain(alices);
        assertThat(list(BOB, "cancelled").jobs()).extracting(JobView::id).contains(bobs);
        assertThat(list(ALICE, "cancelled").jobs()).extracting(JobView::id).doesNotContain(bobs);
        MeshException cursor = failure(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(5, bobs, ALICE, null),
            JobListReply.class));
        assertThat(cursor.code()).as("another person's job is no cursor").isEqualTo(ErrorCode.BAD_REQUEST);
        MeshException status = failure(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(5, null, ALICE, "done"),
            JobListReply.class));
        assertThat(status.getMessage()).startsWith("status: must be one of [queued, running, succeeded, failed, rejected, cancelled, expired]");
    }

    @Test
    void cancellingAWaitingJobEndsItCancelledWithItsSubtasksNeverStartedAndASecondCancelIs409() throws Exception {
        String id = submit("alice", "cancel me");
        Await.until("the job's subtask waiting for a worker", Duration.ofSeconds(20), () -> get(id, ALICE),
            v -> !v.subtasks().isEmpty());

        JobView cancelled = await(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, ALICE), JobView.class));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.verified()).isFalse();
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThat(cancelled.notes()).contains("cancelled by alice");
        assertThat(cancelled.subtasks()).extracting(SubtaskView::status).containsOnly("cancelled");
        assertThat(cancelled.subtasks()).extracting(SubtaskView::attempts).containsOnly(0);
        MeshException again = failure(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, ALICE), JobView.class));
        assertThat(again.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(again.getMessage()).isEqualTo("job " + id + " has already ended (cancelled); only a queued or running job"
            + " can be cancelled");
    }

    @Test
    void anAdminReadsAndCancelsAnyonesJob() throws Exception {
        String id = submit("alice", "admin cancels");

        assertThat(get(id, ADMIN).requester()).isEqualTo("alice");
        JobView cancelled = await(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, ADMIN), JobView.class));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.notes()).contains("cancelled by admin");
    }

    @Test
    void aRequestWithoutAnActorSeesNothing() throws Exception {
        String id = submit("alice", "no actor");

        MeshException e = failure(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id, null), JobView.class));
        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
        MeshException listed = failure(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(5, null, null, null),
            JobListReply.class));
        assertThat(listed.code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void cancellingAnUnknownJobIs404AndABlankIdIs400() throws Exception {
        assertNotFound(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest("nope", ADMIN), JobView.class), "nope");
        MeshException blank = failure(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(" ", ADMIN), JobView.class));
        assertThat(blank.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    private static String submit(String requester, String title) throws Exception {
        JobSubmitRequest job = new JobSubmitRequest(title, "python", Map.of("test_a.py", "import unittest\n"),
            List.of("test_a.py"), null, 5, requester, null);
        JobSubmitReply reply = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class));
        assertThat(reply.status()).isEqualTo("queued");
        return reply.id();
    }

    private static JobView get(String id, Actor actor) throws Exception {
        return await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id, actor), JobView.class));
    }

    private static JobListReply list(Actor actor, String status) throws Exception {
        return await(bus.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(200, null, actor, status), JobListReply.class));
    }

    private static void assertNotFound(Future<?> reply, String id) throws Exception {
        MeshException e = failure(reply);
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("job " + id + " not found");
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static MeshException failure(Future<?> f) throws Exception {
        try {
            await(f);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return (MeshException) e.getCause();
        }
    }
}
