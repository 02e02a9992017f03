package io.edgecoder.app.fleet;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunBatchRequest;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerHeartbeats;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.worker.impl.RunBatchCarrier;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node that runs several simulated workers, as one node: its batch address (the real worker
 * node's {@link RunBatchCarrier}, handing each run of a batch to the simulated worker it names; a
 * worker this node does not carry: 404) and its workers' heartbeats, announced together in
 * {@link WorkerHeartbeats} messages of at most {@value WorkerHeartbeats#MAX} every heartbeat
 * interval (one bus signature for them all), and at once when a worker announces a change.
 * Deploy it before the workers it carries ({@link SimulatedWorker#carriedBy}).
 */
public final class SimCarrier extends VerticleBase {
    private final Map<String, SimulatedWorker> workers = new ConcurrentHashMap<>();
    private final long heartbeatMs;
    private final List<WorkerHeartbeat> announced = new ArrayList<>();
    private BusClient bus;
    private long timer;

    /** A carrier announcing its workers every second. */
    public SimCarrier() {
        this(1000);
    }

    public SimCarrier(long heartbeatMs) {
        this.heartbeatMs = heartbeatMs;
    }

    /** Carries {@code worker}: batched runs for it go to it, and its heartbeats go with this node's. */
    void carry(SimulatedWorker worker) {
        workers.put(worker.nodeId(), worker);
    }

    @Override
    public Future<?> start() {
        bus = new BusClient(vertx, Duration.ofSeconds(60));
        RunBatchCarrier carrier = new RunBatchCarrier(vertx, bus, this::run);
        timer = vertx.setPeriodic(heartbeatMs, id -> publish(workers.values().stream().map(SimulatedWorker::currentHeartbeat).toList()));
        return bus.consumer(WorkerAddresses.runBatch(BusAuth.nodeIdOf(vertx)), RunBatchRequest.class, carrier::onBatch);
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** Stops carrying {@code worker} (it is being undeployed). */
    void drop(SimulatedWorker worker) {
        workers.remove(worker.nodeId(), worker);
    }

    /** One worker's heartbeat out of turn (started, stopped, power changed): sent with the others of this turn. */
    void announce(WorkerHeartbeat heartbeat) {
        context.runOnContext(v -> {
            announced.add(heartbeat);
            if (announced.size() == 1) {
                context.runOnContext(w -> {
                    publish(List.copyOf(announced));
                    announced.clear();
                });
            }
        });
    }

    private void publish(List<WorkerHeartbeat> heartbeats) {
        for (int from = 0; from < heartbeats.size(); from += WorkerHeartbeats.MAX) {
            bus.publish(CoordinatorAddresses.WORKER_HEARTBEATS,
                new WorkerHeartbeats(heartbeats.subList(from, Math.min(heartbeats.size(), from + WorkerHeartbeats.MAX))));
        }
    }

    private Future<RunSubtaskReply> run(String workerId, RunSubtaskRequest request) {
        SimulatedWorker worker = workers.get(workerId);
        if (worker == null) {
            return Future.failedFuture(MeshException.notFound("no worker " + workerId + " on this node"));
        }
        return worker.batched(request);
    }
}
