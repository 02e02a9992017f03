package io.edgecoder.worker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.BatchedResult;
import io.edgecoder.core.message.BatchedRun;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RunBatchRequest;
import io.edgecoder.core.message.RunResultBatch;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.ResultStatement;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.SubsetCheckReply;
import io.edgecoder.core.message.SubsetCheckRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.Runs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerVerticleIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private BusClient bus;
    private final List<WorkerHeartbeat> heartbeats = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        bus = new BusClient(vertx, Duration.ofSeconds(30));
        vertx.eventBus().<JsonObject>consumer(CoordinatorAddresses.WORKER_HEARTBEAT,
            m -> heartbeats.add(Json.fromJson(m.body(), WorkerHeartbeat.class)));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    @Test
    void announcesItselfWithHeartbeatsAtStartAndEveryInterval() throws Exception {
        WorkerConfig config = deploy(2, 4);

        awaitHeartbeat(hb -> true);
        long firstCount = heartbeats.size();
        awaitHeartbeat(hb -> heartbeats.size() >= firstCount + 3);

        WorkerHeartbeat hb = heartbeats.get(0);
        assertThat(hb.nodeId()).isEqualTo(config.nodeId());
        assertThat(hb.org()).isEqualTo("acme");
        assertThat(NodeIdentity.nodeIdOf(hb.publicKey())).as("the announced key proves the node id").isEqualTo(config.nodeId());
        assertThat(hb.cores()).isPositive();
        assertThat(hb.languages()).containsExactlyInAnyOrderElementsOf(Language.availableIds()).contains("python", "javascript");
        assertThat(hb.slots()).isEqualTo(2);
        assertThat(hb.freeSlots()).isEqualTo(2);
        assertThat(hb.queued()).isZero();
        assertThat(hb.isolation()).isEqualTo("process");
        assertThat(hb.intervalMs()).isEqualTo(100);
    }

    @Test
    void answersARunRequestWithTheSandboxOutcome() throws Exception {
        WorkerConfig config = deploy(1, 1);

        RunSubtaskReply reply = await(bus.request(WorkerAddresses.run(config.nodeId()),
            request(Runs.pythonTest("self.assertEqual(3 * 3, 9)")), RunSubtaskReply.class));

        assertThat(reply.status()).isEqualTo("passed");
        assertThat(reply.workerId()).isEqualTo(config.nodeId());
        assertThat(reply.isolation()).isEqualTo("process");
        assertThat(reply.report().passed()).isEqualTo(1);
        assertThat(reply.stderr()).contains("Ran 1 test");
        RunSubtaskRequest sent = request(Runs.pythonTest("self.assertEqual(3 * 3, 9)"));
        assertThat(ResultStatement.of(sent, reply).verify(config.identity().publicKeyBase64(), reply.signature()))
            .as("the reply is signed with the node's key over its statement").isTrue();
    }

    @Test
    void declinesWith429WhenSlotsAndQueueAreFullAndReportsItInHeartbeats() throws Exception {
        WorkerConfig config = deploy(1, 1);
        String address = WorkerAddresses.run(config.nodeId());
        RunSubtaskRequest slow = request(Runs.pythonTest("time.sleep(30)"));

        Future<RunSubtaskReply> first = bus.request(address, slow, RunSubtaskReply.class);
        Future<RunSubtaskReply> second = bus.request(address, slow, RunSubtaskReply.class);
        awaitHeartbeat(hb -> hb.freeSlots() == 0 && hb.queued() == 1);

        assertThatThrownBy(() -> await(bus.request(address, slow, RunSubtaskReply.class)))
            .cause().isInstanceOfSatisfying(MeshException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
                assertThat(e.getMessage()).contains("worker is full");
            });
        assertThat(first.isComplete()).isFalse();
        assertThat(second.isComplete()).isFalse();
    }

    @Test
    void rejectsAPathThatEscapesTheWorkspaceWith400() throws Exception {
        WorkerConfig config = deploy(1, 1);
        RunSubtaskRequest bad = new RunSubtaskRequest("j1", "s1", "a1", 1, "python",
            Map.of("../escape.py", "x", "test_a.py", "x"), "test_a.py", 10, false);

        assertThatThrownBy(() -> await(bus.request(WorkerAddresses.run(config.nodeId()), bad, RunSubtaskReply.class)))
            .cause().isInstanceOfSatisfying(MeshException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(e.getMessage()).contains("escapes the workspace");
            });
    }

    @Test
    void refusesToCheckOrRunRestrictedJavaWith422() throws Exception {
        WorkerConfig config = deploy(1, 1);
        Map<String, String> files = Map.of("FooTest.java", "public class FooTest { public static void main(String[] a) { } }");
        RunSubtaskRequest restricted = new RunSubtaskRequest("j1", "s1", "a1", 1, "java", files, "FooTest.java", 10, true);

        assertThatThrownBy(() -> await(bus.request(WorkerAddresses.SUBSET_CHECK, new SubsetCheckRequest("java", files),
            SubsetCheckReply.class))).cause().isInstanceOfSatisfying(MeshException.class, this::restrictedJavaRefusal);
        assertThatThrownBy(() -> await(bus.request(WorkerAddresses.run(config.nodeId()), restricted, RunSubtaskReply.class)))
            .cause().isInstanceOfSatisfying(MeshException.class, this::restrictedJavaRefusal);
    }

    private void restrictedJavaRefusal(MeshException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(e.getMessage()).isEqualTo("restricted is not supported for java");
    }

    @Test
    void runsAJavaTestWhenTheWorkerHasAJdk() throws Exception {
        assumeTrue(Language.JAVA.available(), "a JDK under /usr");
        WorkerConfig config = deploy(1, 1);
        Map<String, String> files = Map.of("HelloTest.java", Runs.javaMain("HelloTest", "System.out.println(\"PASS hello\");"));

        RunSubtaskReply reply = await(bus.request(WorkerAddresses.run(config.nodeId()),
            new RunSubtaskRequest("j1", "s1", "a1", 1, "java", files, "HelloTest.java", 30, false), RunSubtaskReply.class));

        assertThat(reply.status()).as(reply.stderr()).isEqualTo("passed");
        assertThat(reply.report().passed()).isEqualTo(1);
    }

    @Test
    void reportsItsHealthOnTheLocalRoleAddress() throws Exception {
        deploy(3, 0);

        RoleHealth health = await(bus.request(NodeAddresses.roleHealth(Role.WORKER), new HealthRequest(), RoleHealth.class));

        assertThat(health.role()).isEqualTo("worker");
        assertThat(health.status()).isEqualTo("up");
        assertThat(health.details()).containsEntry("isolation", "process").containsEntry("slots", "3");
    }

    @Test
    void autoSandboxAnnouncesTheStrongestLevelAndRunsInIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap installed");
        WorkerConfig config = deploy(2, 2, "auto");
        String expected = new SandboxFactory(config).report().level();

        RunSubtaskReply reply = await(bus.request(WorkerAddresses.run(config.nodeId()),
            request(Runs.pythonTest("self.assertEqual(sum([1, 2]), 3)")), RunSubtaskReply.class));

        assertThat(reply.status()).isEqualTo("passed");
        assertThat(reply.isolation()).isEqualTo(expected).isIn("strong", "basic");
        awaitHeartbeat(hb -> hb.nodeId().equals(config.nodeId()) && hb.isolation().equals(expected));
    }

    @Test
    void underItsNodesOwnIdentityItTakesBatchedRunsAndAnswersEachInAResultBatch() throws Exception {
        NodeIdentity identity = NodeIdentity.ephemeral();
        BusAuth.install(vertx, DeploymentCa.ephemeral("worker-batch").credentials(identity, "acme", Ring.CORE,
            EnumSet.of(Role.WORKER, Role.COORDINATOR), Duration.ofHours(1)));
        WorkerConfig config = deploy(2, 2, "process", identity);
        awaitHeartbeat(hb -> hb.nodeId().equals(config.nodeId()) && hb.runBatches());
        String resultsTo = CoordinatorAddresses.results(config.nodeId(), "test");
        List<BatchedResult> results = new CopyOnWriteArrayList<>();
        await(bus.consumer(resultsTo, RunResultBatch.class, batch -> {
            results.addAll(batch.results());
            return Future.succeededFuture();
        }));
        RunSubtaskRequest mine = new RunSubtaskRequest("j1", "s1", "s1#1", 1, "python",
            Map.of("test_case.py", Runs.pythonTest("self.assertEqual(2 + 2, 4)")), "test_case.py", 60, false, "lease-1");
        RunSubtaskRequest other = new RunSubtaskRequest("j1", "s2", "s2#1", 1, "python", Map.of(), "test_case.py", 60, false,
            "lease-2");

        await(bus.request(WorkerAddresses.runBatch(config.nodeId()), new RunBatchRequest(resultsTo,
            List.of(new BatchedRun(config.nodeId(), mine), new BatchedRun("nsomeoneelse0000", other))), JsonObject.class));
        awaitCondition(() -> results.size() == 2);

        BatchedResult ran = results.stream().filter(r -> "lease-1".equals(r.leaseId())).findFirst().orElseThrow();
        assertThat(ran.reply().status()).isEqualTo("passed");
        assertThat(ResultStatement.of(mine, ran.reply()).verify(identity.publicKeyBase64(), ran.reply().signature()))
            .as("each batched reply carries the worker's own signature over its statement").isTrue();
        BatchedResult refused = results.stream().filter(r -> "lease-2".equals(r.leaseId())).findFirst().orElseThrow();
        assertThat(refused.reply()).isNull();
        assertThat(refused.failureCode()).isEqualTo(404);
        assertThat(refused.failure()).contains("no worker nsomeoneelse0000 on this node");
    }

    @Test
    void aWorkerUnderAnotherIdentityThanItsNodesTakesNoBatches() throws Exception {
        WorkerConfig config = deploy(1, 1);
        awaitHeartbeat(hb -> hb.nodeId().equals(config.nodeId()));

        assertThat(heartbeats).allSatisfy(hb -> assertThat(hb.runBatches()).isFalse());
        assertThatThrownBy(() -> await(bus.request(WorkerAddresses.runBatch(config.nodeId()),
            new RunBatchRequest("x", List.of()), JsonObject.class)))
            .cause().isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition) throws Exception {
        io.edgecoder.core.testing.Await.until("condition", DEADLINE, condition::getAsBoolean, done -> done);
    }

    private WorkerConfig deploy(int slots, int queue) throws Exception {
        return deploy(slots, queue, "process");
    }

    private WorkerConfig deploy(int slots, int queue, String sandbox) throws Exception {
        return deploy(slots, queue, sandbox, NodeIdentity.ephemeral());
    }

    private WorkerConfig deploy(int slots, int queue, String sandbox, NodeIdentity identity) throws Exception {
        WorkerConfig config = new WorkerConfig(identity.nodeId(), "acme", slots, queue,
            Duration.ofMillis(100), dataDir.resolve("work"), sandbox, RunLimits.defaults(), 1_900_400_000, identity);
        await(vertx.deployVerticle(new WorkerVerticle(config)));
        return config;
    }

    private static RunSubtaskRequest request(String testSource) {
        return new RunSubtaskRequest("j1", "s1", "a1", 1, "python", Map.of("test_case.py", testSource), "test_case.py", 60, false);
    }

    private void awaitHeartbeat(Predicate<WorkerHeartbeat> condition) throws Exception {
        io.edgecoder.core.testing.Await.until("heartbeat condition", DEADLINE, () -> heartbeats.stream().anyMatch(condition),
            done -> done);
    }

    private static <T> T await(Future<T> future) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
}
