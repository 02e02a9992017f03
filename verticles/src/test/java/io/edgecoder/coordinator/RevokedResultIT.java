package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
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
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.ResultStatement;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation acts on results still in flight: a worker revoked while it holds a lease has its
 * (correctly signed, passing) result refused, and the job does not become verified on it.
 */
class RevokedResultIT {
    private static final NodeIdentity IDENTITY = NodeIdentity.ephemeral();
    private static final String WORKER = IDENTITY.nodeId();
    private static Vertx vertx;
    private static BusClient bus;
    private static BusAuth auth;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        auth = BusAuth.install(vertx, DeploymentCa.ephemeral("revoked-result").credentials(NodeIdentity.ephemeral(), "local",
            Ring.CORE, EnumSet.allOf(Role.class), Duration.ofHours(1)));
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CAPACITY_WAIT_MS, "1000",
            ConfigKeys.MAX_ATTEMPTS, "2"));
        CoordinatorConfig config = CoordinatorConfig.from(settings, TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null);
        await(vertx.deployVerticle(new InferenceVerticle(Duration.ofSeconds(5))));
        await(vertx.deployVerticle(new CoordinatorVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
        await(bus.consumer(WorkerAddresses.run(WORKER), RunSubtaskRequest.class, RevokedResultIT::answerAfterRevocation));
        vertx.setPeriodic(0, 200, id -> bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT,
            new WorkerHeartbeat(WORKER, "local", List.of("python"), 1, 1, 0, "strong", 200, IDENTITY.publicKeyBase64(), 1)));
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
    }

    /** The worker is revoked while it runs; then it answers with a correctly signed pass. */
    private static Future<RunSubtaskReply> answerAfterRevocation(RunSubtaskRequest request) {
        auth.trust().revoke(WORKER);
        RunSubtaskReply reply = new RunSubtaskReply(WORKER, "passed", 0, 10, 5, null, "", "", false, "strong",
            new TestReport(1, 1, 0, 0, List.of()));
        return Future.succeededFuture(reply.signed(ResultStatement.of(request, reply).sign(IDENTITY)));
    }

    @Test
    void aResultFromAWorkerRevokedWhileItHeldTheLeaseIsRefused() throws Exception {
        JobSubmitRequest job = new JobSubmitRequest("revoked", "python", Map.of("test_a.py", "import unittest\n"),
            List.of("test_a.py"), null, 5, "alice", null);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();

        JobView view = Await.until("job " + id + " finishing", Duration.ofSeconds(60),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            v -> v.finishedAt() != null);

        assertThat(view.verified()).isFalse();
        assertThat(view.subtasks().get(0).status()).isNotEqualTo("passed");
        assertThat(view.notes()).anySatisfy(note -> assertThat(note).contains("was revoked while it held the lease"));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
