package io.edgecoder.worker.app;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.JobCancelEvent;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.message.RunBatchRequest;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.policy.NodePolicy;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.SubsetCheckReply;
import io.edgecoder.core.message.SubsetCheckRequest;
import io.edgecoder.core.message.SubsetViolation;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerPower;
import io.edgecoder.core.trust.AgentRunStatement;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.ResultStatement;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Sandbox;
import io.edgecoder.worker.impl.PowerProbe;
import io.edgecoder.worker.agent.AgentLoop;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.worker.impl.RunBatchCarrier;
import io.edgecoder.worker.impl.SlotScheduler;
import io.edgecoder.worker.subset.SubsetChecker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: takes {@code RunSubtaskRequest}s addressed to this node, runs them in the
 * sandbox on at most {@code slots} threads with a bounded queue, and announces its languages,
 * isolation and free slots with heartbeats (periodically and whenever the slots change).
 */
public final class WorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);

    private final WorkerConfig config;
    private Sandbox sandbox;
    private SlotScheduler scheduler;
    private BusClient bus;
    private List<String> languages;
    private long timerId = -1;
    private boolean heartbeatPending;
    private final SubsetChecker subsetChecker = new SubsetChecker();
    private static final long POWER_PROBE_MS = 10_000;
    private PowerProbe powerProbe;
    private volatile WorkerPower power;
    private long powerTimer = -1;
    private AgentLoop agents;

    public WorkerVerticle(WorkerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        bus = new BusClient(vertx, Duration.ofSeconds(10));
        return vertx.executeBlocking(this::createSandbox)
            .compose(this::useSandbox)
            .compose(v -> bus.consumer(WorkerAddresses.run(config.nodeId()), RunSubtaskRequest.class, this::run))
            .compose(c -> consumeBatches())
            .compose(c -> bus.consumer(WorkerAddresses.agentRun(config.nodeId()), AgentRunRequest.class, this::runAgent))
            .compose(c -> bus.consumer(WorkerAddresses.SUBSET_CHECK, SubsetCheckRequest.class, this::checkSubset))
            .compose(c -> bus.consumer(WorkerAddresses.JOB_CANCEL, JobCancelEvent.class, this::cancel))
            .compose(c -> bus.localConsumer(NodeAddresses.roleHealth(Role.WORKER), HealthRequest.class, r -> Future.succeededFuture(health())))
            .onSuccess(c -> startHeartbeats())
            .onSuccess(c -> LOG.info("worker ready (node {}, {} slots, isolation {})", config.nodeId(), config.slots(), sandbox.isolation()));
    }

    private Sandbox createSandbox() {
        // Probing the runtimes (for Java: starting javac once) blocks, so it happens here, off the event loop.
        languages = Language.availableIds();
        SandboxFactory factory = new SandboxFactory(config);
        if (!"strong".equals(factory.report().level())) {
            LOG.warn("worker isolation is only '{}' on this machine; to improve: {}", factory.report().level(), factory.report().advice());
        }
        return factory.create();
    }

    private Future<Void> useSandbox(Sandbox created) {
        sandbox = created;
        scheduler = new SlotScheduler(vertx, sandbox, config.slots(), config.queue(), this::heartbeatSoon);
        agents = new AgentLoop(vertx, bus, config.nodeId(), config.limits(), scheduler::submit, config.slots() + config.queue());
        return Future.succeededFuture();
    }

    private Future<RunSubtaskReply> run(RunSubtaskRequest request) {
        RunSpec spec = toSpec(request);
        return scheduler.submit(request.jobId(), spec)
            .onSuccess(result -> NodePolicy.of(vertx).health().record(result.status().wire(), result.wallMs()))
            .map(result -> signed(request, reply(result)));
    }

    /**
     * Whether this worker takes batched runs: when it runs under its node's own identity (the bus
     * names it as the sender of its heartbeats), so its node's batch address is its own.
     */
    private boolean batches() {
        return config.nodeId().equals(BusAuth.nodeIdOf(vertx));
    }

    private Future<?> consumeBatches() {
        if (!batches()) {
            return Future.succeededFuture();
        }
        RunBatchCarrier carrier = new RunBatchCarrier(vertx, bus, this::runFor);
        return bus.consumer(WorkerAddresses.runBatch(config.nodeId()), RunBatchRequest.class, carrier::onBatch);
    }

    /** A batched run: only for this worker, else refused as a request to an unknown worker (404). */
    private Future<RunSubtaskReply> runFor(String workerId, RunSubtaskRequest request) {
        if (!config.nodeId().equals(workerId)) {
            return Future.failedFuture(MeshException.notFound("no worker " + workerId + " on this node"));
        }
        return run(request);
    }

    /**
     * Runs an agent loop; its reply is signed like a run's (the measures of its test runs are paid), off the event loop
     * since the statement digests every file of the answer.
     */
    private Future<AgentRunReply> runAgent(AgentRunRequest request) {
        return agents.run(request).compose(reply -> vertx.executeBlocking(
            () -> reply.signed(AgentRunStatement.of(request, reply).sign(config.identity())), false));
    }

    /** A job was cancelled: kill its runs here and refuse its queued and later ones. */
    private Future<Void> cancel(JobCancelEvent event) {
        if (event.jobId() != null && !event.jobId().isBlank() && event.jobId().length() <= 200) {
            int stopped = scheduler.cancel(event.jobId()) + agents.cancel(event.jobId());
            if (stopped > 0) {
                LOG.info("job {} was cancelled: stopping {} run(s)", event.jobId(), stopped);
            }
        }
        return Future.succeededFuture();
    }

    /** The reply carrying this node's signature over its statement (docs/coordinator.md, "Verified work"). */
    private RunSubtaskReply signed(RunSubtaskRequest request, RunSubtaskReply reply) {
        return reply.signed(ResultStatement.of(request, reply).sign(config.identity()));
    }

    /** Parses a restricted job's sources on a worker thread (never runs them). */
    private Future<SubsetCheckReply> checkSubset(SubsetCheckRequest request) {
        if (request.language() == null || request.files() == null) {
            throw MeshException.badRequest("language and files are required");
        }
        refuseUncheckable(request.language());
        return vertx.executeBlocking(() -> subsetChecker.check(request.language(), request.files()), false)
            .map(violations -> new SubsetCheckReply(violations.stream()
                .map(v -> new SubsetViolation(v.file(), v.line(), v.column(), v.construct(), v.message())).toList()));
    }

    private RunSpec toSpec(RunSubtaskRequest request) {
        Language language = Language.of(request.language())
            .orElseThrow(() -> MeshException.badRequest("language: unknown language '" + request.language() + "'"));
        if (request.restricted()) {
            refuseUncheckable(language.id());
        }
        if (!languages.contains(language.id())) {
            // Retryable on purpose: another worker may have the runtime.
            throw MeshException.unavailable("this worker has no " + language.id() + " runtime");
        }
        return new RunSpec(language, request.files(), request.test(), Duration.ofSeconds(request.timeoutSeconds()), config.limits());
    }

    /** Restricted jobs need a subset check; for a language without one (Java) that is a policy refusal, not a bad request. */
    private static void refuseUncheckable(String language) {
        if (Language.of(language).isPresent() && !SubsetChecker.supports(language)) {
            throw MeshException.policy("restricted is not supported for " + language);
        }
    }

    private RunSubtaskReply reply(RunResult r) {
        return new RunSubtaskReply(config.nodeId(), r.status().wire(), r.exitCode(), r.wallMs(), r.cpuMs(), r.peakMemoryBytes(),
            r.stdout(), r.stderr(), r.outputTruncated(), r.isolation(), r.report());
    }

    private void startHeartbeats() {
        timerId = vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> publishHeartbeat());
        powerProbe = new PowerProbe(config.power());
        probePower().onComplete(ar -> publishHeartbeat());
        powerTimer = vertx.setPeriodic(POWER_PROBE_MS, id -> probePower());
    }

    /** Reads the machine's power state off the event loop; a change is announced at once. */
    private Future<Void> probePower() {
        double busy = scheduler.slots() - scheduler.freeSlots();
        int cores = Runtime.getRuntime().availableProcessors();
        return vertx.executeBlocking(() -> powerProbe.probe(java.time.LocalTime.now(), busy, cores), false)
            .onSuccess(now -> {
                WorkerPower before = power;
                power = now;
                if (before != null && !before.equals(now)) {
                    LOG.info("power state changed: {}", now);
                    heartbeatSoon();
                }
            })
            .mapEmpty();
    }

    /** Coalesces bursts of slot changes into one heartbeat on the next turn of the event loop. */
    private void heartbeatSoon() {
        if (heartbeatPending || timerId < 0) {
            return;
        }
        heartbeatPending = true;
        vertx.runOnContext(v -> {
            heartbeatPending = false;
            publishHeartbeat();
        });
    }

    private void publishHeartbeat() {
        bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, heartbeat(scheduler.slots(), scheduler.freeSlots(), scheduler.queued()));
    }

    private WorkerHeartbeat heartbeat(int slots, int free, int queued) {
        return new WorkerHeartbeat(config.nodeId(), config.org(), languages, slots, free, queued, sandbox.isolation(),
            config.heartbeatInterval().toMillis(), config.identity().publicKeyBase64(), Runtime.getRuntime().availableProcessors(),
            power, batches());
    }

    private RoleHealth health() {
        return new RoleHealth(Role.WORKER.id(), HealthStatus.UP, Map.of(
            "isolation", sandbox.isolation(),
            "languages", String.join(",", languages),
            "slots", Integer.toString(scheduler.slots()),
            "freeSlots", Integer.toString(scheduler.freeSlots()),
            "queued", Integer.toString(scheduler.queued())));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(powerTimer);
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
            // A last heartbeat with no slots: coordinators forget this worker at once and run its work elsewhere.
            bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, heartbeat(0, 0, 0));
        }
        return scheduler == null ? Future.succeededFuture() : scheduler.close();
    }
}
