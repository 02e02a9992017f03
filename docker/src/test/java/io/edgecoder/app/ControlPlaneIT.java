package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.policy.BarredWorkerVerticle;
import io.edgecoder.control.app.ControlConfig;
import io.edgecoder.control.app.ControlVerticle;
import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.BlacklistAddRequest;
import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.ModeView;
import io.edgecoder.core.message.RolloutActionRequest;
import io.edgecoder.core.message.RolloutListReply;
import io.edgecoder.core.message.RolloutStartRequest;
import io.edgecoder.core.message.RolloutStatusRequest;
import io.edgecoder.core.message.RolloutView;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.policy.PolicyApplier;
import io.edgecoder.core.policy.RolloutSelection;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.edgecoder.worker.app.SandboxFactory;
import io.edgecoder.worker.app.WorkerConfig;
import io.edgecoder.worker.app.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane acting on a real mesh: three coordinator nodes (the first also control, ledger
 * and inference) sharing one database, and four worker nodes running real sandboxes, every node
 * running the policy applier. Local-only mode refuses a mesh job at every coordinator; a worker
 * blacklisted while it holds a lease has its result refused, the subtask runs elsewhere and its
 * earlier, accepted earnings are held for review; a 50 % rollout reaches the two worker nodes its
 * hash selects and the timeouts those nodes report pause it.
 */
class ControlPlaneIT {
    private static final String HOME = "home";
    private static final String ROLLOUT = "agent-2";
    private static final int FIRST_UID = 1_900_700_000;
    private static final List<Vertx> NODES = new ArrayList<>();
    private static final List<PolicyApplier> COORDINATORS = new ArrayList<>();
    private static final List<PolicyApplier> WORKERS = new ArrayList<>();
    private static final List<Path> DIRS = new ArrayList<>();
    private static final List<JobEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static String cluster;
    private static DeploymentCa ca;
    private static Vertx controlNode;
    private static BusClient operator;
    private static String isolation;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.newName();
        Path caDir = dir("edgecoder-control-plane-ca");
        ca = DeploymentCa.loadOrCreate(caDir, "Control plane test CA");
        Settings base = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.WORKER_SLOTS, "1", ConfigKeys.WORKER_QUEUE, "0",
            ConfigKeys.HEARTBEAT_MS, "1000", ConfigKeys.MAX_ATTEMPTS, "3", ConfigKeys.CAPACITY_WAIT_MS, "30000",
            "ledger.credit.line.user.milli", "100000000", ConfigKeys.ORG, HOME));
        isolation = new SandboxFactory(WorkerConfig.from(base.with(Map.of(ConfigKeys.DATA_DIR, dir("edgecoder-probe").toString())),
            NodeIdentity.ephemeral())).report().level();
        Settings settings = base.with(Map.of(ConfigKeys.MESH_MIN_ISOLATION, isolation));
        String dbUrl = TestDatabase.freshDatabase();
        for (int i = 0; i < 3; i++) {
            NodeIdentity identity = NodeIdentity.ephemeral();
            Vertx node = member(identity, EnumSet.allOf(Role.class));
            COORDINATORS.add(applier(node, identity, EnumSet.of(Role.COORDINATOR)));
            if (i == 0) {
                controlNode = node;
                await(node.deployVerticle(new ControlVerticle(new ControlConfig(dbUrl, 4, Duration.ofSeconds(10), caDir, identity, HOME,
                    EnumSet.allOf(Role.class), Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(7), "127.0.0.1:5701",
                    "http://127.0.0.1:4310", Duration.ofMillis(200)))));
                await(node.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, dbUrl, identity))));
                await(node.deployVerticle(new InferenceVerticle(Duration.ofSeconds(10))));
                node.eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS, m -> EVENTS.add(Json.fromJson(m.body(),
                    JobEvent.class)));
            }
            await(node.deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(settings, dbUrl, identity, null))));
        }
        operator = new BusClient(controlNode, Duration.ofSeconds(30));
        for (boolean selected : List.of(true, false, true, false)) {
            NodeIdentity identity = workerIdentity(selected);
            Vertx node = member(identity, EnumSet.of(Role.WORKER));
            WORKERS.add(applier(node, identity, EnumSet.of(Role.WORKER)));
            Settings own = settings.with(Map.of(ConfigKeys.DATA_DIR, dir("edgecoder-cp-worker").toString(),
                WorkerConfig.SANDBOX_UID, String.valueOf(FIRST_UID + 1000 * WORKERS.size())));
            await(node.deployVerticle(new WorkerVerticle(WorkerConfig.from(own, identity))));
        }
        awaitWorkers(4);
    }

    @AfterAll
    static void stop() throws Exception {
        COORDINATORS.forEach(PolicyApplier::stop);
        WORKERS.forEach(PolicyApplier::stop);
        // one after another: members leaving all at once wait out Hazelcast's invocation timeout
        // (about two minutes) deregistering listeners on members that are gone
        TestClusters.closeAll(NODES);
        for (Path d : DIRS) {
            EdgecoderCli.deleteTree(d);
        }
    }

    private static Path dir(String prefix) throws Exception {
        Path d = Files.createTempDirectory(prefix);
        DIRS.add(d);
        return d;
    }

    private static NodeIdentity workerIdentity(boolean selected) {
        while (true) {
            NodeIdentity id = NodeIdentity.ephemeral();
            if (RolloutSelection.selected(ROLLOUT, id.nodeId(), 50) == selected) {
                return id;
            }
        }
    }

    private static Vertx member(NodeIdentity identity, Set<Role> roles) throws Exception {
        Vertx node = await(TestClusters.member(cluster, ca.credentials(identity, HOME, Ring.CORE, roles, Duration.ofHours(2))));
        NODES.add(node);
        return node;
    }

    private static PolicyApplier applier(Vertx node, NodeIdentity identity, Set<Role> roles) throws Exception {
        return await(PolicyApplier.install(node, new BusClient(node, Duration.ofSeconds(10)),
            new PolicyApplier.Self(identity.nodeId(), HOME, roles, "1.0.0"), Duration.ofMillis(200), Duration.ofSeconds(30)));
    }

    private static void awaitWorkers(int count) throws Exception {
        Await.until(count + " workers announcing themselves", Duration.ofSeconds(60),
            () -> await(operator.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)),
            reply -> reply.workers().size() >= count);
    }

    /** Waits until every coordinator node applied {@code version}. */
    private static Future<?> coordinatorsAt(long version) {
        return Future.all(COORDINATORS.stream().map(a -> PolicyApplier.whenApplied(a.policy(), version)).toList());
    }

    @Test
    void localOnlyModeRefusesAMeshJobAtEveryCoordinatorNamingTheRule() throws Exception {
        ModeView set = await(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "local-only", "ops", "incident 7"),
            ModeView.class));
        await(coordinatorsAt(set.version()));
        try {
            // round-robin delivery: nine submissions reach each of the three coordinators
            for (int i = 0; i < 9; i++) {
                MeshException refused = failure(operator.request(CoordinatorAddresses.JOB_SUBMIT, job("mesh", 30, 1, false),
                    JobSubmitReply.class));
                assertThat(refused.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
                assertThat(refused.getMessage()).contains("rule mode.local-only", "organisation " + HOME);
            }
            JobSubmitReply local = await(operator.request(CoordinatorAddresses.JOB_SUBMIT, job("local-only", 30, 1, false),
                JobSubmitReply.class));
            assertThat(local.status()).isEqualTo("queued");
        } finally {
            long back = await(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "public", "ops", null),
                ModeView.class)).version();
            await(coordinatorsAt(back));
        }
        assertThat(await(operator.request(CoordinatorAddresses.JOB_SUBMIT, job("mesh", 30, 1, false), JobSubmitReply.class)).status())
            .isEqualTo("queued");
    }

    @Test
    void aWorkerBlacklistedMidJobHasItsResultRefusedTheSubtaskRunsElsewhereAndItsEarningsAreHeld() throws Exception {
        Promise<Void> firstAccepted = Promise.promise();
        BarredWorkerVerticle[] barred = new BarredWorkerVerticle[1];
        barred[0] = new BarredWorkerVerticle(NodeIdentity.ephemeral(), HOME, isolation, (request, n) -> n == 1
            ? Future.succeededFuture()
            : firstAccepted.future().compose(v -> blacklist(barred[0].nodeId())));
        String deployment = await(controlNode.deployVerticle(barred[0]));
        awaitWorkers(5);
        try {
            String id = await(operator.request(CoordinatorAddresses.JOB_SUBMIT, job("local-only", 30, 2, false),
                JobSubmitReply.class)).id();
            Await.until("the barred worker's first result being accepted", Duration.ofSeconds(60), () -> EVENTS,
                events -> events.stream().anyMatch(e -> id.equals(e.jobId()) && "passed".equals(e.status())
                    && barred[0].nodeId().equals(e.worker())));
            firstAccepted.complete();
            JobView job = Await.until("job " + id + " finishing", Duration.ofSeconds(120),
                () -> await(operator.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
                v -> v.finishedAt() != null);

            assertThat(job.verified()).as(job.notes().toString()).isTrue();
            assertThat(barred[0].runs()).isEqualTo(2);
            assertThat(job.subtasks()).anySatisfy(st -> assertThat(st.refused()).anySatisfy(r -> assertThat(r)
                .contains(barred[0].nodeId() + " was barred while it held the lease: rule blacklist.node")));
            assertThat(job.subtasks()).extracting(s -> s.worker()).contains(barred[0].nodeId())
                .anyMatch(w -> !barred[0].nodeId().equals(w));
            Map<String, Long> balances = Await.until("the job settled", Duration.ofSeconds(60),
                () -> await(operator.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances(),
                b -> b.getOrDefault("hold:" + id, 0L) == 0L && b.containsKey("review:" + barred[0].nodeId()));
            assertThat(balances.get("review:" + barred[0].nodeId())).isPositive();
            assertThat(balances.getOrDefault("node:" + barred[0].nodeId(), 0L)).isZero();
        } finally {
            await(controlNode.undeploy(deployment));
        }
    }

    /** Blacklists {@code nodeId} and completes once every coordinator node (and so the ledger's) applied it. */
    private static Future<Object> blacklist(String nodeId) {
        return operator.request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("node", nodeId, "signs results it did not run",
                "https://tickets.example/7", "ops", null), BlacklistView.class)
            .compose(entry -> coordinatorsAt(entry.version()).map(v -> null));
    }

    @Test
    void aFiftyPercentRolloutReachesHalfTheWorkersAndATimeoutRegressionPausesIt() throws Exception {
        RolloutView started = await(operator.request(ControlAddresses.ROLLOUT_START, new RolloutStartRequest(ROLLOUT, "agent", null,
            "2.0.0", List.of(50, 100), 0.5, null, 3600, "ops", 1, List.of("worker")), RolloutView.class));
        for (PolicyApplier w : WORKERS) {
            await(PolicyApplier.whenApplied(w.policy(), started.version()));
        }

        List<String> applied = WORKERS.stream().filter(w -> w.policy().applied().rollouts().contains(ROLLOUT))
            .map(w -> w.policy().nodeId()).toList();
        assertThat(applied).hasSize(2).allMatch(id -> RolloutSelection.selected(ROLLOUT, id, 50));
        assertThat(WORKERS.get(0).policy().applied().agentVersion()).isEqualTo("2.0.0");
        assertThat(COORDINATORS).allSatisfy(c -> assertThat(c.policy().applied().rollouts()).doesNotContain(ROLLOUT));
        RolloutView counted = Await.until("both selected workers acknowledging the rollout", Duration.ofSeconds(10),
            () -> rollout(), r -> r.applied() == 2);
        assertThat(counted.selected()).isEqualTo(2);

        // every run now times out: the selected workers report the errors and the gate pauses the rollout
        for (int i = 0; i < 2; i++) {
            await(operator.request(CoordinatorAddresses.JOB_SUBMIT, job("local-only", 1, 4, true), JobSubmitReply.class));
        }
        RolloutView paused = Await.until("the health gate pausing the rollout", Duration.ofSeconds(120), ControlPlaneIT::rollout,
            r -> "paused".equals(r.state()));

        assertThat(paused.stateReason()).contains("health regression: node", "error rate of 1.00");
        assertThat(paused.percent()).isEqualTo(50);
        await(operator.request(ControlAddresses.ROLLOUT_ROLLBACK, new RolloutActionRequest(ROLLOUT, "ops", "regression"),
            RolloutView.class));
    }

    private static RolloutView rollout() throws Exception {
        return await(operator.request(ControlAddresses.ROLLOUT_STATUS, new RolloutStatusRequest(ROLLOUT), RolloutListReply.class))
            .rollouts().get(0);
    }

    /** A Python job of {@code tests} test files that pass, or that sleep past any timeout ({@code slow}). */
    private static JobSubmitRequest job(String locality, int timeoutSeconds, int tests, boolean slow) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("calc.py", "def add(a, b):\n    return a + b\n");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            String name = "test_" + (char) ('a' + i) + ".py";
            names.add(name);
            files.put(name, "import time\nimport unittest\nfrom calc import add\n\nclass T(unittest.TestCase):\n"
                + "    def test_add(self):\n" + (slow ? "        time.sleep(30)\n" : "") + "        self.assertEqual(add(2, 3), 5)\n");
        }
        return new JobSubmitRequest("control plane", "python", files, names, locality, timeoutSeconds, "admin", null);
    }

    private static MeshException failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return BusClient.toMesh(e.getCause());
        }
        throw new AssertionError("expected a refusal");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
