package io.edgecoder.app.fleet;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.trust.ResultStatement;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The protocol side every simulated worker shares: it consumes its run address, publishes a
 * heartbeat with its key every 200 ms (and a last one with no slots when stopped), counts the
 * requests it answered and signs replies with its own key. Subclasses decide only the answer.
 */
public abstract class SimulatedWorker extends VerticleBase {
    private static final long HEARTBEAT_MS = 200;
    private final long heartbeatMs;

    protected final NodeIdentity identity;
    protected final String org;
    protected final String isolation;
    private final int slots;
    private final int announcedIntervalMs;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger batchedRuns = new AtomicInteger();
    private volatile boolean batches;
    private volatile SimCarrier carrier;
    protected BusClient bus;
    private long timer;

    /**
     * @param announcedIntervalMs the heartbeat interval the worker claims (coordinators forget it
     *     after a few missed intervals); longer than the real 200 ms keeps a loaded test machine from
     *     making it look gone mid-lease
     */
    protected SimulatedWorker(NodeIdentity identity, String org, String isolation, int slots, int announcedIntervalMs) {
        this(identity, org, isolation, slots, announcedIntervalMs, HEARTBEAT_MS);
    }

    /** A worker that heartbeats every {@code heartbeatMs} (a large fleet on one machine beats less often). */
    protected SimulatedWorker(NodeIdentity identity, String org, String isolation, int slots, int announcedIntervalMs,
                              long heartbeatMs) {
        this.heartbeatMs = heartbeatMs;
        this.identity = identity;
        this.org = org;
        this.isolation = isolation;
        this.slots = slots;
        this.announcedIntervalMs = announcedIntervalMs;
    }

    public String nodeId() {
        return identity.nodeId();
    }

    /**
     * Takes batched runs through {@code carrier} (its node's batch address) besides single requests,
     * and says so in its heartbeats. Call before deploying this worker.
     */
    public SimulatedWorker carriedBy(SimCarrier carrier) {
        carrier.carry(this);
        this.carrier = carrier;
        batches = true;
        return this;
    }

    /** This worker's heartbeat now (its carrier announces it with its other workers'). */
    WorkerHeartbeat currentHeartbeat() {
        return heartbeatOf(slots);
    }

    /** A run that came in a batch: answered exactly as a single request on the run address. */
    Future<RunSubtaskReply> batched(RunSubtaskRequest request) {
        batchedRuns.incrementAndGet();
        return answer(request, runs.incrementAndGet());
    }

    /** Requests this worker answered that came in batches. */
    public int batchedRuns() {
        return batchedRuns.get();
    }

    /** Requests this worker answered. */
    public int runs() {
        return runs.get();
    }

    @Override
    public Future<?> start() {
        bus = new BusClient(vertx, Duration.ofSeconds(60));
        return bus.consumer(WorkerAddresses.run(identity.nodeId()), RunSubtaskRequest.class,
                request -> answer(request, runs.incrementAndGet()))
            .onSuccess(c -> {
                if (carrier == null) { // a carried worker's periodic heartbeats go with its carrier's
                    timer = vertx.setPeriodic(heartbeatMs, id -> heartbeat(slots));
                }
                heartbeat(slots);
            });
    }

    @Override
    public Future<?> stop() {
        if (carrier == null) {
            vertx.cancelTimer(timer);
        } else {
            carrier.drop(this);
        }
        heartbeat(0);
        return Future.succeededFuture();
    }

    private void heartbeat(int free) {
        if (carrier != null) {
            carrier.announce(heartbeatOf(free));
        } else {
            bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, heartbeatOf(free));
        }
    }

    private WorkerHeartbeat heartbeatOf(int free) {
        return new WorkerHeartbeat(identity.nodeId(), org, List.of("python"), free, free, 0, isolation, announcedIntervalMs,
            identity.publicKeyBase64(), 1, power(), batches);
    }

    /** Announces this worker now (after its power state changed), on its own context. */
    protected void heartbeatNow() {
        context.runOnContext(v -> heartbeat(slots));
    }

    /** The power signals this worker reports; null (mains power, full share) unless a subclass says otherwise. */
    protected io.edgecoder.core.message.WorkerPower power() {
        return null;
    }

    /** The reply to {@code request}, the {@code n}th this worker received (1 for the first). */
    protected abstract Future<RunSubtaskReply> answer(RunSubtaskRequest request, int n);

    /** {@code reply} signed with this worker's key, as a real worker signs its result. */
    protected RunSubtaskReply sign(RunSubtaskRequest request, RunSubtaskReply reply) {
        return reply.signed(ResultStatement.of(request, reply).sign(identity));
    }
}
