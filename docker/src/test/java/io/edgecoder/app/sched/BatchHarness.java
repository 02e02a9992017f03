package io.edgecoder.app.sched;

import io.edgecoder.coordinator.impl.CapacityTable;
import io.edgecoder.coordinator.impl.ClaimCheck;
import io.edgecoder.coordinator.impl.HeartbeatAttribution;
import io.edgecoder.coordinator.impl.Placement;
import io.edgecoder.coordinator.impl.RunSender;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerHeartbeats;
import io.edgecoder.core.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The coordinator's side of a dispatch, for {@link BatchedDispatchIT}: the real {@link CapacityTable}
 * fed by heartbeats (with the node the bus says sent each), the real {@link RunSender} and
 * {@link ClaimCheck}, on one event loop as in the coordinator, without the database.
 */
final class BatchHarness extends VerticleBase {
    private final String probeAddress = "test.batch.probe." + UUID.randomUUID();
    private CapacityTable table;
    private RunSender runs;

    @Override
    public Future<?> start() {
        table = new CapacityTable(vertx, 10);
        BusClient bus = new BusClient(vertx, Duration.ofSeconds(60));
        runs = RunSender.batching(vertx, bus);
        return runs.start()
            .compose(v -> bus.consumer(CoordinatorAddresses.WORKER_HEARTBEAT, WorkerHeartbeat.class, this::onHeartbeat))
            .compose(v -> bus.consumer(CoordinatorAddresses.WORKER_HEARTBEATS, WorkerHeartbeats.class,
                (WorkerHeartbeats all, Caller c) -> {
                    HeartbeatAttribution.each(all, c).forEach(hb -> onHeartbeat(hb, c));
                    return Future.succeededFuture();
                }))
            // answered on this event loop, after whatever reached it before from the same sender
            .compose(v -> bus.consumer(probeAddress, HealthRequest.class, r -> Future.succeededFuture(
                new JsonObject().put("inFlight", runs.inFlight()))));
    }

    private Future<Void> onHeartbeat(WorkerHeartbeat hb, Caller c) {
        table.onHeartbeat(hb, c.edge(), c.via() == null ? c.nodeId() : null, System.currentTimeMillis());
        return Future.succeededFuture();
    }

    /** Workers the table knows. */
    Future<Integer> known() {
        Promise<Integer> out = Promise.promise();
        context.runOnContext(v -> out.complete(table.size()));
        return out.future();
    }

    /** Runs still in flight in batches, asked from {@code from} (so it is answered after what {@code from} sent before). */
    Future<Integer> probe(Vertx from) {
        return new BusClient(from, Duration.ofSeconds(60)).request(probeAddress, new HealthRequest(), JsonObject.class)
            .map(reply -> reply.getInteger("inFlight"));
    }

    /** One run on each named worker, all sent in one turn of the event loop; each reply checked as the coordinator checks it. */
    Future<List<ClaimCheck.Verdict>> dispatch(List<String> workerIds) {
        Promise<List<ClaimCheck.Verdict>> out = Promise.promise();
        context.runOnContext(v -> {
            List<Future<ClaimCheck.Verdict>> verdicts = new ArrayList<>();
            for (String id : workerIds) {
                verdicts.add(dispatchTo(id));
            }
            Future.all(verdicts).map(all -> verdicts.stream().map(Future::result).toList()).onSuccess(out::complete)
                .onFailure(out::fail);
        });
        return out.future();
    }

    private Future<ClaimCheck.Verdict> dispatchTo(String workerId) {
        Placement only = Placement.of(hb -> hb.nodeId().equals(workerId), Set.of()).forTicket(Placement.Ticket.OPERATOR);
        Future<CapacityTable.Lease> leased = table.acquire(only, 1000);
        if (!leased.succeeded()) {
            return Future.failedFuture("worker " + workerId + " has no free slot");
        }
        CapacityTable.Lease lease = leased.result();
        String id = UUID.randomUUID().toString();
        RunSubtaskRequest request = new RunSubtaskRequest("job-" + id, "st-" + id, "st-" + id + "#1", 1, "python", Map.of(),
            "test_a.py", 60, false, lease.id());
        long sent = System.nanoTime();
        return runs.run(lease, request, Duration.ofSeconds(60))
            .map(reply -> ClaimCheck.check(request, lease, reply, (System.nanoTime() - sent) / 1_000_000 + 1, true))
            .onComplete(ar -> lease.release());
    }
}
