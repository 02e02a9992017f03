package io.edgecoder.coordinator.app;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.coordinator.impl.AgentDispatcher;
import io.edgecoder.coordinator.impl.AgentRunPay;
import io.edgecoder.coordinator.impl.CapacityTable;
import io.edgecoder.coordinator.impl.PgAgentStore;
import io.edgecoder.coordinator.impl.CoordinatorSchema;
import io.edgecoder.coordinator.impl.CoordinatorService;
import io.edgecoder.coordinator.impl.HeartbeatAttribution;
import io.edgecoder.coordinator.impl.IsolationPolicy;
import io.edgecoder.coordinator.impl.IntakeGate;
import io.edgecoder.coordinator.impl.JobBudget;
import io.edgecoder.coordinator.impl.SubmitKeys;
import io.edgecoder.coordinator.impl.JobCancellation;
import io.edgecoder.coordinator.impl.PgCancellations;
import io.edgecoder.coordinator.impl.JobEvents;
import io.edgecoder.coordinator.impl.JobRunner;
import io.edgecoder.coordinator.impl.NetworkRules;
import io.edgecoder.core.policy.NodePolicy;
import io.edgecoder.coordinator.impl.PgJobStore;
import io.edgecoder.coordinator.impl.PgVerificationStore;
import io.edgecoder.coordinator.impl.QueueBounds;
import io.edgecoder.coordinator.impl.Quorum;
import io.edgecoder.coordinator.impl.Reputation;
import io.edgecoder.coordinator.impl.RestrictedCheck;
import io.edgecoder.coordinator.impl.RunSender;
import io.edgecoder.coordinator.impl.SubtaskDispatcher;
import io.edgecoder.coordinator.impl.SubtaskVerifier;
import io.edgecoder.coordinator.impl.TrustDomain;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.MeterNames;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.AgentStepEvent;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.JobCancelEvent;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.MemberLeftEvent;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerHeartbeats;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the coordinator role: database, capacity table, runner and bus consumers. */
public final class CoordinatorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorVerticle.class);
    private static final int ORPHAN_SWEEP_EVERY = 20;
    private static final int LOAD_REPORT_EVERY = 4;

    private final CoordinatorConfig config;
    private Pool pool;
    private CoordinatorService service;
    private CapacityTable capacity;
    private Reputation reputation;
    private long upkeepTimer;
    private long upkeepRuns;
    private BusClient bus;
    private AgentDispatcher agents;

    public CoordinatorVerticle(CoordinatorConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()))
            .connectingTo(PgConnectOptions.fromUri(config.dbUrl())).using(vertx).build();
        return new Migrator(pool).migrate(CoordinatorSchema.COMPONENT, CoordinatorSchema.MIGRATIONS)
            .compose(v -> wire())
            .onSuccess(v -> LOG.info("coordinator ready (node {}, mesh isolation >= {}, local isolation >= {})",
                config.nodeId(), config.meshMinimum().id(), config.localMinimum().id()));
    }

    private Future<Void> wire() {
        BusClient bus = new BusClient(vertx, config.busTimeout());
        TrustDomain trust = new TrustDomain(config.org());
        NetworkRules rules = new NetworkRules(() -> NodePolicy.of(vertx), trust);
        capacity = new CapacityTable(vertx, config.missedHeartbeats(),
            BusAuth.of(vertx).map(auth -> (java.util.function.Predicate<String>) auth.trust()::isRevoked).orElse(id -> false),
            worker -> rules.barred(worker).map(NodePolicy::describe), account -> config.fairWeights().getOrDefault(account, 1));
        config.meters().gauge(MeterNames.WORKERS_KNOWN, capacity, CapacityTable::size);
        PgJobStore store = new PgJobStore(pool);
        PgVerificationStore claims = new PgVerificationStore(pool);
        JobEvents events = new JobEvents(bus);
        IsolationPolicy policy = new IsolationPolicy(config.meshMinimum(), config.localMinimum(), config.org());
        reputation = new Reputation(claims, config.reputationThreshold(), config.spotCheckPermille(), new SecureRandom());
        RunSender runs = RunSender.batching(vertx, bus);
        SubtaskDispatcher dispatcher = new SubtaskDispatcher(bus, capacity, store, claims, policy, trust, reputation, events,
            config.meters(), config.maxAttempts(), config.capacityWaitMillis(), config.replyMargin(), runs);
        SubtaskVerifier verifier = new SubtaskVerifier(dispatcher, store, claims, policy, trust, reputation,
            new Quorum(config.quorum()), events, rules);
        PgAgentStore agentStore = new PgAgentStore(pool);
        agents = new AgentDispatcher(config.nodeId(), bus, capacity, agentStore, policy, rules, trust, reputation, events,
            config.capacityWaitMillis(), new AgentRunPay(vertx, agentStore, reputation));
        JobRunner runner = new JobRunner(vertx, bus, store, verifier, claims, events, config.meters(), agents, capacity, trust);
        JobCancellation cancellation = new JobCancellation(bus, new PgCancellations(pool), store, runner, events, config.meters());
        service = new CoordinatorService(config.nodeId(), store, runner, capacity, policy, events, config.meters(),
            new JobBudget(bus), new RestrictedCheck(bus), rules, new QueueBounds(config.queueMaxPerAccount(), config.queueMax()),
            // a submission starts within one bus timeout or is refused unrecorded; its caller waits JobIntake.submitTimeout
            new IntakeGate(vertx, IntakeGate.DEFAULT_CONCURRENCY, IntakeGate.DEFAULT_MAX_WAITING, config.busTimeout()),
            new SubmitKeys(pool));
        this.bus = bus;
        upkeepTimer = vertx.setPeriodic(config.upkeepInterval().toMillis(), id -> upkeep());
        return Future.all(List.of(
                runs.start(),
                bus.consumer(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class, service::submit),
                bus.consumer(CoordinatorAddresses.JOB_GET, JobGetRequest.class, service::get),
                bus.consumer(CoordinatorAddresses.JOB_LIST, JobListRequest.class, service::list),
                bus.consumer(CoordinatorAddresses.JOB_CANCEL, JobCancelRequest.class, cancellation::cancel),
                bus.consumer(CoordinatorAddresses.JOB_CANCELLED, JobCancelEvent.class, cancellation::onCancelled),
                bus.consumer(CoordinatorAddresses.WORKER_LIST, WorkerListRequest.class,
                    r -> service.workers().map(list -> new WorkerListReply(list.workers(), reputation.standings(list.workers())))),
                bus.consumer(CoordinatorAddresses.WORKER_HEARTBEAT, WorkerHeartbeat.class, this::onHeartbeat),
                bus.consumer(CoordinatorAddresses.WORKER_HEARTBEATS, WorkerHeartbeats.class, this::onHeartbeats),
                bus.consumer(CoordinatorAddresses.agentSteps(config.nodeId()), AgentStepEvent.class, agents::onStep),
                bus.localConsumer(NodeAddresses.roleHealth(Role.COORDINATOR), HealthRequest.class, r -> health()),
                bus.localConsumer(NodeAddresses.MEMBER_LEFT, MemberLeftEvent.class, e -> service.takeOverFrom(e.nodeId()))))
            .compose(v -> reputation.refresh())
            .compose(v -> service.resumeOwn())
            .compose(v -> service.upkeep(true))
            .mapEmpty();
    }

    private Future<Void> onHeartbeat(WorkerHeartbeat heartbeat, Caller caller) {
        HeartbeatAttribution.attribute(heartbeat, caller)
            .ifPresent(hb -> service.heartbeat(hb, caller.edge(), caller.via() == null ? caller.nodeId() : null));
        return Future.succeededFuture();
    }

    /** Several workers' heartbeats from the node that carries them: each as if it had come alone. */
    private Future<Void> onHeartbeats(WorkerHeartbeats heartbeats, Caller caller) {
        HeartbeatAttribution.each(heartbeats, caller).forEach(hb -> onHeartbeat(hb, caller));
        return Future.succeededFuture();
    }

    private void upkeep() {
        boolean sweep = ++upkeepRuns % ORPHAN_SWEEP_EVERY == 0;
        if (upkeepRuns % LOAD_REPORT_EVERY == 0) {
            bus.send(EconomyAddresses.LOAD_REPORT, service.load());
        }
        Future<Void> refreshed = sweep ? reputation.refresh() : Future.succeededFuture();
        refreshed.compose(v -> service.upkeep(sweep)).onFailure(e -> LOG.warn("coordinator upkeep failed: {}", e.getMessage()));
    }

    private Future<RoleHealth> health() {
        return pool.query("SELECT 1").execute()
            .map(rows -> new RoleHealth(Role.COORDINATOR.id(), HealthStatus.UP, Map.of("database", HealthStatus.UP.wire(),
                "workers", String.valueOf(capacity.size()))))
            .otherwise(e -> new RoleHealth(Role.COORDINATOR.id(), HealthStatus.DOWN, Map.of("database", HealthStatus.DOWN.wire())));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(upkeepTimer);
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
