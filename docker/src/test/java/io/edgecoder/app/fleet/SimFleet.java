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
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The fleet simulator: the real coordinator, ledger and inference with a fresh database on one
 * clustered Vert.x node, and N {@link SimWorker}s (in-process verticles that obey the worker
 * protocol) on a second node of the same cluster, so every run request, reply and heartbeat
 * crosses the clustered event bus, signed and checked like a real node's; that node carries them
 * ({@link SimCarrier}): runs come in batches, heartbeats go out together. Workers belong to the
 * coordinator's organisation ({@value #HOME}) unless their behaviour says otherwise; the price is
 * fixed at its base, so what a worker earns follows from the CPU it claimed. Used by
 * {@code FleetSimulatorIT} and the dispatch benchmark.
 */
public final class SimFleet implements AutoCloseable {
    public static final String HOME = "home";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SimFleet.class);
    /** Milli-credits per CPU-second, fixed (minimum = maximum = base). */
    public static final long PRICE = 1000;

    /**
     * @param workers how many simulated workers
     * @param behaviourOf the behaviour of worker i
     * @param orgOf the organisation of worker i
     * @param heartbeatMs how often each worker announces itself
     * @param settings extra settings for the coordinator, ledger (fair weights, queue bounds, ...)
     */
    public record Spec(int workers, IntFunction<SimWorker.Behaviour> behaviourOf, IntFunction<String> orgOf, long heartbeatMs,
                       Map<String, String> settings) {
    }

    private final List<Vertx> nodes;
    private final List<SimWorker> workers = new ArrayList<>();
    private final Map<String, AtomicInteger> done = SimWorker.counter();
    private final List<JobEvent> dispatches = new CopyOnWriteArrayList<>();
    private final Map<String, String> finished = new ConcurrentHashMap<>();
    private BusClient bus;
    private Pool db;

    private SimFleet(List<Vertx> nodes) {
        this.nodes = nodes;
    }

    public static SimFleet start(Spec spec) throws Exception {
        // the coordinator's node belongs to its organisation, as a real one does: its inference role plans that org's local-only jobs
        String cluster = TestClusters.newName();
        SimFleet fleet = new SimFleet(List.of(await(TestClusters.member(cluster, java.util.EnumSet.allOf(io.edgecoder.core.Role.class),
            HOME)), await(TestClusters.member(cluster))));
        try {
            fleet.deploy(spec);
            return fleet;
        } catch (Exception | Error e) {
            try {
                fleet.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void deploy(Spec spec) throws Exception {
        Map<String, String> own = new HashMap<>(Map.of(ConfigKeys.ORG, HOME, ConfigKeys.HEARTBEAT_MS, "1000",
            "ledger.credit.line.user.milli", "1000000000", ConfigKeys.PRICE_CPU_SECOND, String.valueOf(PRICE),
            "ledger.price.min.milli", String.valueOf(PRICE), "ledger.price.max.milli", String.valueOf(PRICE),
            ConfigKeys.BUS_TIMEOUT_MS, "60000", ConfigKeys.DB_POOL_SIZE, "8", ConfigKeys.MISSED_HEARTBEATS, "10"));
        own.putAll(spec.settings());
        Settings settings = Settings.of(ConfigKeys.defaults()).with(own);
        nodes.get(0).eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS, m -> record(Json.fromJson(m.body(),
            JobEvent.class)));
        String dbUrl = TestDatabase.freshDatabase();
        NodeIdentity identity = NodeIdentity.ephemeral();
        await(nodes.get(0).deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, dbUrl, identity))));
        await(nodes.get(0).deployVerticle(new InferenceVerticle(Duration.ofSeconds(30))));
        await(nodes.get(0).deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(settings, dbUrl, identity, null))));
        db = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(PgConnectOptions.fromUri(dbUrl))
            .using(nodes.get(0)).build();
        bus = new BusClient(nodes.get(0), Duration.ofSeconds(60));
        deployWorkers(spec);
    }

    private void record(JobEvent e) {
        if (e.subtaskId() != null && "running".equals(e.status())) {
            dispatches.add(e);
        } else if (e.subtaskId() == null && e.status() != null && !"queued".equals(e.status()) && !"running".equals(e.status())
            && !"settled".equals(e.status())) {
            finished.put(e.jobId(), e.status());
        }
    }

    private void deployWorkers(Spec spec) throws Exception {
        // the workers' node takes their runs in batches and announces them together, as a node carrying many workers does
        SimCarrier carrier = new SimCarrier(spec.heartbeatMs());
        await(nodes.get(1).deployVerticle(carrier));
        List<Future<String>> deployed = new ArrayList<>();
        for (int i = 0; i < spec.workers(); i++) {
            SimWorker w = new SimWorker(NodeIdentity.ephemeral(), spec.orgOf().apply(i), "strong", spec.behaviourOf().apply(i),
                i, spec.heartbeatMs(), done);
            workers.add(w);
            deployed.add(nodes.get(1).deployVerticle(w.carriedBy(carrier)));
            if (deployed.size() == 100) {
                await(Future.all(deployed));
                deployed.clear();
                LOG.info("{} simulated workers deployed", i + 1);
            }
        }
        await(Future.all(deployed));
        LOG.info("{} simulated workers deployed", spec.workers());
        Await.until(spec.workers() + " simulated workers announcing themselves", Duration.ofMinutes(5),
            () -> await(bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)),
            reply -> reply.workers().size() >= spec.workers());
    }

    public List<SimWorker> workers() {
        return workers;
    }

    public BusClient bus() {
        return bus;
    }

    /** Honest completions per subtask id, over the whole fleet. */
    public Map<String, AtomicInteger> done() {
        return done;
    }

    /** Every subtask dispatch the coordinator announced ({@code running} events), in the order they arrived. */
    public List<JobEvent> dispatches() {
        return dispatches;
    }

    /** Final job statuses announced so far, by job id. */
    public Map<String, String> finished() {
        return finished;
    }

    /** Submits one local-only Python job of {@code tests} passing test files for {@code account}; returns its id. */
    public Future<String> submit(String account, int tests, Integer priority, Instant deadline) {
        List<Boolean> failing = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            failing.add(false);
        }
        return submit(account, failing, "local-only", priority, deadline);
    }

    /**
     * Submits one Python job for {@code account} with one test file per entry of {@code failing}
     * (true: that file fails), of locality {@code local-only} or {@code mesh}; returns its id.
     */
    public Future<String> submit(String account, List<Boolean> failing, String locality, Integer priority, Instant deadline) {
        JobSubmitRequest job = new JobSubmitRequest("sim " + account, "python", FleetJobs.files(failing),
            FleetJobs.tests(failing.size()), locality, 60, account, null, null).withSchedule(priority, deadline);
        return bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class,
            io.edgecoder.core.JobIntake.submitTimeout(bus.defaultTimeout())).map(JobSubmitReply::id);
    }

    /** Submits {@code count} jobs, at most {@code window} in flight at once; returns their ids in order. */
    public List<String> submitMany(String account, int count, int tests, int window) throws Exception {
        List<String> ids = new ArrayList<>();
        List<Future<String>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(submit(account, tests, null, null));
            if (batch.size() == window || i == count - 1) {
                for (Future<String> f : batch) {
                    ids.add(await(f));
                }
                batch.clear();
            }
        }
        return ids;
    }

    /** Rows of the coordinator's database that match {@code sql} (a count query), for waiting on progress. */
    public long count(String sql) throws Exception {
        return await(db.query(sql).execute()).iterator().next().getLong(0);
    }

    /** The rows of {@code sql} on the coordinator's database, each as its columns' values (for checks after a run). */
    public List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        for (io.vertx.sqlclient.Row row : await(db.query(sql).execute())) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.getValue(i));
            }
            out.add(values);
        }
        return out;
    }

    public Map<String, Long> balances() throws Exception {
        return await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances();
    }

    public static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (db != null) {
            db.close();
        }
        TestClusters.closeAll(nodes);
    }
}
