package io.edgecoder.app.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.fleet.SimCarrier;
import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.app.fleet.SimulatedWorker;
import io.edgecoder.coordinator.impl.ClaimCheck;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.BatchedResult;
import io.edgecoder.core.message.BatchedRun;
import io.edgecoder.core.message.RunBatchRequest;
import io.edgecoder.core.message.RunResultBatch;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerHeartbeats;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.ResultStatement;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batched runs over a real three-member cluster with mutual TLS and signed messages: a coordinator's
 * node ({@link BatchHarness}: the real {@code CapacityTable}, {@code RunSender} and {@code ClaimCheck}),
 * a worker node carrying several simulated workers ({@link SimCarrier}, the real worker node's batch
 * code) and a second worker node that tries to answer for runs it was not sent.
 */
class BatchedDispatchIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<Vertx> nodes = new ArrayList<>();
    private static final List<JsonObject> batchesSent = new CopyOnWriteArrayList<>();
    private static final List<String> singlesSent = new CopyOnWriteArrayList<>();
    private static Vertx coordinatorNode;
    private static Vertx workerNode;
    private static Vertx otherNode;
    private static BatchHarness harness;
    private static final List<SimWorker> honest = new ArrayList<>();
    private static SimulatedWorker forger;
    private static HeldWorker held;
    private static SimWorker single;

    @BeforeAll
    static void start() throws Exception {
        String cluster = TestClusters.newName();
        coordinatorNode = member(TestClusters.member(cluster, EnumSet.of(Role.COORDINATOR), "home"));
        workerNode = member(TestClusters.member(cluster, EnumSet.of(Role.WORKER), "home"));
        otherNode = member(TestClusters.member(cluster, EnumSet.of(Role.WORKER), "home"));
        coordinatorNode.eventBus().addOutboundInterceptor(ctx -> {
            String address = ctx.message().address();
            if (address.startsWith(WorkerAddresses.RUN_BATCH_PREFIX) && ctx.body() instanceof JsonObject body) {
                batchesSent.add(body.copy());
            } else if (address.startsWith(WorkerAddresses.RUN_PREFIX)) {
                singlesSent.add(address);
            }
            ctx.next();
        });
        harness = new BatchHarness();
        await(coordinatorNode.deployVerticle(harness));
        SimCarrier carrier = new SimCarrier();
        await(workerNode.deployVerticle(carrier));
        for (int i = 0; i < 4; i++) {
            honest.add(worker(i));
            await(workerNode.deployVerticle(honest.get(i).carriedBy(carrier)));
        }
        forger = new ForgingWorker();
        held = new HeldWorker();
        single = worker(9);
        await(workerNode.deployVerticle(forger.carriedBy(carrier)));
        await(workerNode.deployVerticle(held.carriedBy(carrier)));
        await(workerNode.deployVerticle(single));
        Await.until("the coordinator knows the 7 workers", WAIT, () -> await(harness.known()), n -> n == 7);
    }

    @AfterAll
    static void stop() throws Exception {
        TestClusters.closeAll(nodes);
    }

    @BeforeEach
    void clear() {
        batchesSent.clear();
        singlesSent.clear();
    }

    private static SimWorker worker(int seed) {
        return new SimWorker(NodeIdentity.ephemeral(), "home", "strong", new SimWorker.Behaviour(1, 0, 0, 0, null), seed, 1000,
            SimWorker.counter());
    }

    private static Vertx member(Future<Vertx> started) throws Exception {
        Vertx vertx = await(started);
        nodes.add(vertx);
        return vertx;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static MeshException failure(Future<?> future) throws Exception {
        try {
            await(future);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return BusClient.toMesh(e.getCause());
        }
    }

    private static String nodeId(Vertx vertx) {
        return BusAuth.nodeIdOf(vertx);
    }

    @Test
    void runsForWorkersOfOneNodeGoAsOneBatchAndEveryResultSignatureIsCheckedOnItsOwn() throws Exception {
        List<String> ids = new ArrayList<>(honest.stream().map(SimulatedWorker::nodeId).toList());
        ids.add(forger.nodeId());

        List<ClaimCheck.Verdict> verdicts = await(harness.dispatch(ids));

        assertThat(verdicts.subList(0, 4)).allSatisfy(v -> assertThat(v.claim()).as(v.refusal()).isNotNull());
        assertThat(verdicts.get(4).claim()).isNull();
        assertThat(verdicts.get(4).refusal()).contains("does not verify with its key");
        assertThat(batchesSent).hasSize(1);
        JsonArray runs = batchesSent.get(0).getJsonArray("runs");
        assertThat(runs).hasSize(5);
        assertThat(singlesSent).isEmpty();
    }

    @Test
    void aWorkerWhoseNodeTakesNoBatchesStillGetsASingleRequest() throws Exception {
        List<ClaimCheck.Verdict> verdicts = await(harness.dispatch(List.of(single.nodeId())));

        assertThat(verdicts.get(0).claim()).as(verdicts.get(0).refusal()).isNotNull();
        assertThat(singlesSent).containsExactly(WorkerAddresses.run(single.nodeId()));
        assertThat(batchesSent).isEmpty();
    }

    @Test
    void anOversizedBatchIsRefusedWholeAndNothingInItRuns() throws Exception {
        int before = honest.get(0).runs();
        List<BatchedRun> runs = new ArrayList<>();
        for (int i = 0; i <= RunBatchRequest.MAX_RUNS; i++) {
            runs.add(new BatchedRun(honest.get(0).nodeId(), request("big-" + i, "lease-big-" + i)));
        }
        RunBatchRequest batch = new RunBatchRequest(CoordinatorAddresses.results(nodeId(coordinatorNode), "x"), runs);

        MeshException refused = failure(new BusClient(coordinatorNode, WAIT)
            .request(WorkerAddresses.runBatch(nodeId(workerNode)), batch, JsonObject.class));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(refused.getMessage()).contains("at most " + RunBatchRequest.MAX_RUNS + " runs; this one had 257");
        assertThat(honest.get(0).runs()).isEqualTo(before);
    }

    @Test
    void aBatchWhoseResultsWouldGoToAnotherNodeIsRefusedAndNothingRuns() throws Exception {
        int before = honest.get(1).runs();
        RunBatchRequest batch = new RunBatchRequest(CoordinatorAddresses.results(nodeId(otherNode), "x"),
            List.of(new BatchedRun(honest.get(1).nodeId(), request("elsewhere", "lease-elsewhere"))));

        MeshException refused = failure(new BusClient(coordinatorNode, WAIT)
            .request(WorkerAddresses.runBatch(nodeId(workerNode)), batch, JsonObject.class));

        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("results go only to the node that sent the batch");
        assertThat(honest.get(1).runs()).isEqualTo(before);
    }

    @Test
    void aNodeThatIsNoCoordinatorMayNotSendABatch() throws Exception {
        int before = honest.get(2).runs();
        RunBatchRequest batch = new RunBatchRequest(CoordinatorAddresses.results(nodeId(otherNode), "x"),
            List.of(new BatchedRun(honest.get(2).nodeId(), request("rogue", "lease-rogue"))));

        MeshException refused = failure(new BusClient(otherNode, WAIT)
            .request(WorkerAddresses.runBatch(nodeId(workerNode)), batch, JsonObject.class));

        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(honest.get(2).runs()).isEqualTo(before);
    }

    @Test
    void resultsFromAnotherNodeOrInAnOversizedBatchCountForNothing() throws Exception {
        Future<List<ClaimCheck.Verdict>> dispatched = harness.dispatch(List.of(held.nodeId()));
        JsonObject sent = Await.until("the held worker's batch is sent", WAIT, () -> List.copyOf(batchesSent), l -> !l.isEmpty()).get(0);
        RunSubtaskRequest request = Json.fromJson(sent.getJsonArray("runs").getJsonObject(0).getJsonObject("request"),
            RunSubtaskRequest.class);
        String resultsTo = sent.getString("replyTo");
        RunSubtaskReply forged = held.forgedReply(request);

        // a worker node the run was not sent to, with a reply properly signed by the worker's key
        new BusClient(otherNode, WAIT).send(resultsTo, new RunResultBatch(List.of(BatchedResult.of(request.leaseId(),
            held.nodeId(), forged))));
        assertThat(await(harness.probe(otherNode))).as("runs still in flight").isEqualTo(1);
        // the carrier itself, in a batch beyond the bound
        List<BatchedResult> tooMany = new ArrayList<>();
        for (int i = 0; i < RunBatchRequest.MAX_RUNS; i++) {
            tooMany.add(BatchedResult.failed("unknown-" + i, held.nodeId(), 503, "filler"));
        }
        tooMany.add(BatchedResult.of(request.leaseId(), held.nodeId(), forged));
        new BusClient(workerNode, WAIT).send(resultsTo, new RunResultBatch(tooMany));
        assertThat(await(harness.probe(workerNode))).as("runs still in flight").isEqualTo(1);
        assertThat(dispatched.isComplete()).isFalse();

        held.release();
        ClaimCheck.Verdict verdict = await(dispatched).get(0);

        assertThat(verdict.claim()).as(verdict.refusal()).isNotNull();
        assertThat(verdict.claim().reply().stdout()).isEqualTo(HeldWorker.HONEST_STDOUT);
    }

    @Test
    void aHeartbeatMessageBeyondItsBoundIsIgnoredWholeWhileTheNextOneCounts() throws Exception {
        List<WorkerHeartbeat> tooMany = new ArrayList<>();
        for (int i = 0; i <= WorkerHeartbeats.MAX; i++) {
            tooMany.add(heartbeat(NodeIdentity.ephemeral()));
        }
        BusClient workers = new BusClient(workerNode, WAIT);
        workers.publish(CoordinatorAddresses.WORKER_HEARTBEATS, new WorkerHeartbeats(tooMany));
        workers.publish(CoordinatorAddresses.WORKER_HEARTBEATS, new WorkerHeartbeats(List.of(heartbeat(NodeIdentity.ephemeral()))));

        int known = Await.until("the next heartbeat message counts", WAIT, () -> await(harness.known()), n -> n > 7);

        assertThat(known).isEqualTo(8);
    }

    private static WorkerHeartbeat heartbeat(NodeIdentity identity) {
        return new WorkerHeartbeat(identity.nodeId(), "home", List.of("python"), 0, 0, 0, "strong", 60_000,
            identity.publicKeyBase64(), 1, null, true);
    }

    private static RunSubtaskRequest request(String id, String lease) {
        return new RunSubtaskRequest("job-" + id, "st-" + id, "st-" + id + "#1", 1, "python", Map.of(), "test_a.py", 60, false, lease);
    }

    /** Signs its results with a key that is not its own. */
    private static final class ForgingWorker extends SimulatedWorker {
        ForgingWorker() {
            super(NodeIdentity.ephemeral(), "home", "strong", 1, 5000, 1000);
        }

        @Override
        protected Future<RunSubtaskReply> answer(RunSubtaskRequest request, int n) {
            RunSubtaskReply reply = new RunSubtaskReply(nodeId(), "passed", 0, 1, 1, null, "", "OK\n", false, isolation,
                new TestReport(1, 1, 0, 0, List.of()));
            return Future.succeededFuture(reply.signed(ResultStatement.of(request, reply).sign(NodeIdentity.ephemeral())));
        }
    }

    /** Answers honestly, but only when the test releases it. */
    private static final class HeldWorker extends SimulatedWorker {
        static final String HONEST_STDOUT = "Ran 1 test\nOK\n";
        private final List<Promise<RunSubtaskReply>> waiting = new CopyOnWriteArrayList<>();
        private final List<RunSubtaskRequest> requests = new CopyOnWriteArrayList<>();

        HeldWorker() {
            super(NodeIdentity.ephemeral(), "home", "strong", 1, 5000, 1000);
        }

        @Override
        protected Future<RunSubtaskReply> answer(RunSubtaskRequest request, int n) {
            Promise<RunSubtaskReply> reply = Promise.promise();
            requests.add(request);
            waiting.add(reply);
            return reply.future();
        }

        /** A reply to {@code request} signed with this worker's own key, saying something it never ran. */
        RunSubtaskReply forgedReply(RunSubtaskRequest request) {
            return sign(request, new RunSubtaskReply(nodeId(), "failed", 1, 1, 1, null, "forged", "", false, isolation,
                new TestReport(1, 0, 1, 0, List.of("made up"))));
        }

        void release() {
            for (int i = 0; i < waiting.size(); i++) {
                waiting.get(i).tryComplete(sign(requests.get(i), new RunSubtaskReply(nodeId(), "passed", 0, 1, 1, null,
                    HONEST_STDOUT, "", false, isolation, new TestReport(1, 1, 0, 0, List.of()))));
            }
        }
    }
}
