package io.edgecoder.app.fleet;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Json;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.edgecoder.worker.app.SandboxFactory;
import io.edgecoder.worker.app.WorkerConfig;
import io.edgecoder.worker.app.WorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A mesh in one JVM for trust tests and benchmarks: three clustered Vert.x nodes, the first with
 * ledger, inference and coordinator (organisation {@value #HOME}) and the trusted workers of that
 * organisation, the second with honest mesh workers (real {@link WorkerVerticle}s, one
 * organisation each), the third with {@link LyingWorkerVerticle}s. Every worker has one slot.
 * Mesh jobs require the isolation this machine's sandbox gives (strong where bubblewrap and
 * cgroups work), so honest and lying workers alike are eligible.
 */
public final class Fleet implements AutoCloseable {
    public static final String HOME = "home";
    private static final int FIRST_UID = 1_900_600_000;

    /**
     * How many workers of each kind, the coordinator's attempt limit per claim and how long a
     * subtask waits for an eligible worker.
     */
    public record Spec(int trusted, int honestMesh, List<Lie> liars, int maxAttempts, long capacityWaitMs) {
        public Spec(int trusted, int honestMesh, List<Lie> liars, int maxAttempts) {
            this(trusted, honestMesh, liars, maxAttempts, 30_000);
        }
    }

    private final List<Vertx> nodes;
    private final List<Path> dirs = new ArrayList<>();
    private final List<String> trusted = new ArrayList<>();
    private final List<String> honest = new ArrayList<>();
    private final List<LyingWorkerVerticle> liars = new ArrayList<>();
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private String isolation;
    private BusClient bus;

    private Fleet(List<Vertx> nodes) {
        this.nodes = nodes;
    }

    public static Fleet start(Spec spec) throws Exception {
        Fleet fleet = new Fleet(TestClusters.start(3));
        try {
            fleet.deploy(spec);
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    private void deploy(Spec spec) throws Exception {
        Settings base = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.WORKER_SLOTS, "1", ConfigKeys.WORKER_QUEUE, "0",
            ConfigKeys.HEARTBEAT_MS, "200", ConfigKeys.MAX_ATTEMPTS, String.valueOf(spec.maxAttempts()),
            ConfigKeys.CAPACITY_WAIT_MS, String.valueOf(spec.capacityWaitMs()),
            "ledger.credit.line.user.milli", "100000000", ConfigKeys.ORG, HOME));
        isolation = new SandboxFactory(WorkerConfig.from(withDir(base), NodeIdentity.ephemeral())).report().level();
        Settings settings = base.with(Map.of(ConfigKeys.MESH_MIN_ISOLATION, isolation));
        nodes.get(0).eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS,
            m -> events.add(Json.fromJson(m.body(), JobEvent.class)));
        deployCoordinator(nodes.get(0), settings);
        for (int i = 0; i < spec.trusted(); i++) {
            trusted.add(deployWorker(nodes.get(0), settings, HOME));
        }
        for (int i = 0; i < spec.honestMesh(); i++) {
            honest.add(deployWorker(nodes.get(1), settings, "mesh-" + (i + 1)));
        }
        for (int i = 0; i < spec.liars().size(); i++) {
            LyingWorkerVerticle liar = new LyingWorkerVerticle(NodeIdentity.ephemeral(), "mesh-liar-" + (i + 1), isolation,
                spec.liars().get(i), honest);
            await(nodes.get(2).deployVerticle(liar));
            liars.add(liar);
        }
        bus = new BusClient(nodes.get(0), Duration.ofSeconds(60));
        int total = trusted.size() + honest.size() + liars.size();
        Await.until(total + " workers announcing themselves", Duration.ofSeconds(60),
            () -> await(bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)),
            reply -> reply.workers().size() >= total);
    }

    private static void deployCoordinator(Vertx node, Settings settings) throws Exception {
        String dbUrl = TestDatabase.freshDatabase();
        NodeIdentity identity = NodeIdentity.ephemeral();
        await(node.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, dbUrl, identity))));
        await(node.deployVerticle(new InferenceVerticle(Duration.ofSeconds(10))));
        await(node.deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(settings, dbUrl, identity, null))));
    }

    private String deployWorker(Vertx node, Settings settings, String org) throws Exception {
        NodeIdentity identity = NodeIdentity.ephemeral();
        // Workers of one host must not share sandbox uids: a run's clean-up kills every process of its uid.
        String uid = String.valueOf(FIRST_UID + 1000 * (trusted.size() + honest.size()));
        Settings own = withDir(settings).with(Map.of(ConfigKeys.ORG, org, WorkerConfig.SANDBOX_UID, uid));
        await(node.deployVerticle(new WorkerVerticle(WorkerConfig.from(own, identity))));
        return identity.nodeId();
    }

    private Settings withDir(Settings settings) throws IOException {
        Path dir = Files.createTempDirectory("edgecoder-fleet");
        dirs.add(dir);
        return settings.with(Map.of(ConfigKeys.DATA_DIR, dir.toString()));
    }

    public BusClient bus() {
        return bus;
    }

    /** The isolation level of this machine's sandbox, which mesh jobs require here. */
    public String isolation() {
        return isolation;
    }

    public List<String> trusted() {
        return trusted;
    }

    public List<String> honest() {
        return honest;
    }

    public List<LyingWorkerVerticle> liars() {
        return liars;
    }

    /** Every job event the coordinator published so far. */
    public List<JobEvent> events() {
        return events;
    }

    /** Submits a mesh job of the home organisation; returns its id. */
    public String submit(String title, Map<String, String> files, List<String> tests) throws Exception {
        return await(submitAsync(title, files, tests));
    }

    /** Submits without waiting, so many jobs can compete for the workers at once. */
    public Future<String> submitAsync(String title, Map<String, String> files, List<String> tests) {
        JobSubmitRequest job = new JobSubmitRequest(title, "python", files, tests, "mesh", 60, "admin", null);
        return bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class,
            io.edgecoder.core.JobIntake.submitTimeout(bus.defaultTimeout())).map(JobSubmitReply::id);
    }

    public JobView awaitFinished(String id, Duration deadline) throws Exception {
        return Await.until("job " + id + " finishing", deadline,
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.finishedAt() != null);
    }

    public Map<String, Long> balances() throws Exception {
        return await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances();
    }

    /** The balances once every one of {@code jobIds} is settled (its escrow paid out or released). */
    public Map<String, Long> awaitSettled(List<String> jobIds) throws Exception {
        return Await.until("settlement of " + jobIds.size() + " jobs", Duration.ofSeconds(60), this::balances,
            b -> jobIds.stream().allMatch(id -> b.getOrDefault("hold:" + id, 0L) == 0L));
    }

    public static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            TestClusters.closeAll(nodes);
        } finally {
            dirs.forEach(Fleet::deleteTree);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp directory left behind is harmless
        }
    }
}
