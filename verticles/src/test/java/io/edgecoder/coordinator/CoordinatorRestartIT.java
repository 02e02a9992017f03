package io.edgecoder.coordinator;

import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.MemberLeftEvent;
import java.time.Instant;
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
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.ResultStatement;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A coordinator that restarts with the same identity resumes the unfinished jobs it owned at
 * once: the job finishes while the lease its first life took is still running. Another
 * coordinator takes over the jobs of one that cluster membership says left, just as soon.
 */
class CoordinatorRestartIT {
    private static final NodeIdentity WORKER_ID = NodeIdentity.ephemeral();
    private final String db = TestDatabase.freshDatabase();
    private final NodeIdentity coordinator = NodeIdentity.ephemeral();
    private Vertx first;
    private Vertx second;

    @AfterEach
    void close() throws Exception {
        for (Vertx vertx : new Vertx[] {first, second}) {
            if (vertx != null) {
                await(vertx.close());
            }
        }
    }

    @Test
    void aRestartedCoordinatorResumesItsOwnJobsWithoutWaitingForTheirLeases() throws Exception {
        first = Vertx.vertx();
        BusClient firstBus = startCoordinator(first);
        JobSubmitRequest job = new JobSubmitRequest("restart", "python", Map.of("test_a.py", "import unittest\n"),
            List.of("test_a.py"), null, 5, "alice", null);
        String id = await(firstBus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
        await(first.close());
        first = null;

        second = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(db)).using(second).build();
        Row before = await(pool.preparedQuery("SELECT status, owner, lease_until FROM jobs WHERE id = $1").execute(Tuple.of(id)))
            .iterator().next();
        assertThat(before.getString("status")).isIn("queued", "running");
        assertThat(before.getString("owner")).isEqualTo(coordinator.nodeId());
        OffsetDateTime firstLease = before.getOffsetDateTime("lease_until");

        BusClient bus = startCoordinator(second);
        await(bus.consumer(WorkerAddresses.run(WORKER_ID.nodeId()), RunSubtaskRequest.class, CoordinatorRestartIT::pass));
        second.setPeriodic(0, 200, t -> bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, new WorkerHeartbeat(
            WORKER_ID.nodeId(), "local", List.of("python"), 2, 2, 0, "strong", 200, WORKER_ID.publicKeyBase64(), 1)));
        JobView done = Await.until("job " + id + " finishing after the restart", Duration.ofSeconds(120),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.finishedAt()).isBefore(firstLease.toInstant());
    }

    @Test
    void anotherCoordinatorTakesOverTheJobsOfOneThatLeftTheClusterWithoutWaitingForTheirLeases() throws Exception {
        first = Vertx.vertx();
        BusClient firstBus = startCoordinator(first);
        JobSubmitRequest job = new JobSubmitRequest("takeover", "python", Map.of("test_a.py", "import unittest\n"),
            List.of("test_a.py"), null, 5, "alice", null);
        String id = await(firstBus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
        await(first.close());
        first = null;

        second = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(db)).using(second).build();
        OffsetDateTime firstLease = await(pool.preparedQuery("SELECT lease_until FROM jobs WHERE id = $1").execute(Tuple.of(id)))
            .iterator().next().getOffsetDateTime(0);
        NodeIdentity other = NodeIdentity.ephemeral();
        BusClient bus = startCoordinator(second, other);
        await(bus.consumer(WorkerAddresses.run(WORKER_ID.nodeId()), RunSubtaskRequest.class, CoordinatorRestartIT::pass));
        second.setPeriodic(0, 200, t -> bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, new WorkerHeartbeat(
            WORKER_ID.nodeId(), "local", List.of("python"), 2, 2, 0, "strong", 200, WORKER_ID.publicKeyBase64(), 1)));
        assertThat(ownerOf(pool, id)).as("a live lease is not taken").isEqualTo(coordinator.nodeId());

        bus.publishLocal(NodeAddresses.MEMBER_LEFT, new MemberLeftEvent(coordinator.nodeId(), "member-1", Instant.now()));
        JobView done = Await.until("job " + id + " finishing after its coordinator left", Duration.ofSeconds(120),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);

        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.finishedAt()).isBefore(firstLease.toInstant());
        assertThat(ownerOf(pool, id)).isNull();
    }

    private static String ownerOf(Pool pool, String id) throws Exception {
        return await(pool.preparedQuery("SELECT owner FROM jobs WHERE id = $1").execute(Tuple.of(id))).iterator().next()
            .getString(0);
    }

    private BusClient startCoordinator(Vertx vertx) throws Exception {
        return startCoordinator(vertx, coordinator);
    }

    private BusClient startCoordinator(Vertx vertx, NodeIdentity identity) throws Exception {
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "120000"));
        await(vertx.deployVerticle(new InferenceVerticle(Duration.ofSeconds(5))));
        await(vertx.deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(settings, db, identity, null))));
        return new BusClient(vertx, Duration.ofSeconds(10));
    }

    private static Future<RunSubtaskReply> pass(RunSubtaskRequest request) {
        RunSubtaskReply reply = new RunSubtaskReply(WORKER_ID.nodeId(), "passed", 0, 10, 5, null, "", "ok", false, "strong",
            new TestReport(1, 1, 0, 0, List.of()));
        return Future.succeededFuture(reply.signed(ResultStatement.of(request, reply).sign(WORKER_ID)));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
