package io.edgecoder.coordinator.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.BatchedResult;
import io.edgecoder.core.message.BatchedRun;
import io.edgecoder.core.message.RunBatches;
import io.edgecoder.core.message.RunBatchRequest;
import io.edgecoder.core.message.RunResultBatch;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.trust.RefusalLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * Sends a leased run to its worker and returns the worker's reply, as it came: a single request on
 * the worker's run address, or, for a worker whose carrier node announced batches
 * ({@link WorkerEntry#carrier()}), a member of the next {@link RunBatchRequest} to that node. All
 * runs for one node gathered during one turn of the event loop go as one batch (one bus signature
 * and one check for the lot); their outcomes come back, as they finish, in {@link RunResultBatch}es
 * to this sender's own result address. An outcome counts only for a run in flight here that was
 * sent to the node it comes from; every reply still carries its worker's own result signature,
 * which {@link ClaimCheck} checks as for a single request. Confined to one event loop (the
 * coordinator's); {@link #start} on it.
 */
public final class RunSender {
    /** Request bodies beyond this (mostly job files, repeated per run) start a new batch: bus messages stay moderate. */
    static final int MAX_BATCH_CHARS = 1 << 20;
    private static final RefusalLog REFUSALS = new RefusalLog(LoggerFactory.getLogger(RunSender.class));

    private final Vertx vertx;
    private final BusClient bus;
    private final boolean batching;
    private final String selfNode;
    private final String resultsAddress;
    private final Map<String, List<InFlight>> queued = new HashMap<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private Context context;
    private Thread loop;
    private boolean flushing;

    private RunSender(Vertx vertx, BusClient bus, boolean batching) {
        this.vertx = vertx;
        this.bus = bus;
        this.batching = batching;
        this.selfNode = BusAuth.nodeIdOf(vertx);
        this.resultsAddress = CoordinatorAddresses.results(selfNode, UUID.randomUUID().toString().replace("-", ""));
    }

    /** A sender that batches runs for workers whose carrier announced batches; {@link #start} it. */
    public static RunSender batching(Vertx vertx, BusClient bus) {
        return new RunSender(vertx, bus, true);
    }

    /** A sender of single requests only (older wiring and tools). */
    public static RunSender single(BusClient bus) {
        return new RunSender(null, bus, false);
    }

    /** Registers this sender's result address on the calling context, which must be the one it is used on. */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        loop = Thread.currentThread(); // handlers run on duplicates of the context, all on this one thread
        return bus.consumer(resultsAddress, RunResultBatch.class, this::onResults).mapEmpty();
    }

    /** The address batched outcomes come back to. */
    public String resultsAddress() {
        return resultsAddress;
    }

    /** Runs in flight in batches, awaiting their outcome. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The worker's reply to {@code request}, sent under {@code lease}; fails as a bus request does (a {@link MeshException}). */
    public Future<RunSubtaskReply> run(CapacityTable.Lease lease, RunSubtaskRequest request, Duration timeout) {
        String carrier = lease.worker().carrier();
        // off the event loop this sender is confined to (never in the coordinator), a single request keeps it safe
        if (!batching || carrier == null || request.leaseId() == null || Thread.currentThread() != loop) {
            return bus.request(WorkerAddresses.run(lease.nodeId()), request, RunSubtaskReply.class, timeout);
        }
        InFlight run = new InFlight(carrier, new BatchedRun(lease.nodeId(), request), Promise.promise());
        inFlight.put(request.leaseId(), run);
        run.timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> expire(request.leaseId()));
        queued.computeIfAbsent(carrier, c -> new ArrayList<>()).add(run);
        if (!flushing) {
            flushing = true;
            context.runOnContext(v -> flush());
        }
        return run.promise.future();
    }

    private void expire(String leaseId) {
        InFlight run = inFlight.remove(leaseId);
        if (run != null) {
            run.promise.tryFail(new MeshException(ErrorCode.UNAVAILABLE, "no reply in time from a required service"));
        }
    }

    /** Sends what this turn gathered: per carrier node, batches of at most {@link RunBatchRequest#MAX_RUNS} runs. */
    private void flush() {
        flushing = false;
        Map<String, List<InFlight>> now = new HashMap<>(queued);
        queued.clear();
        now.forEach((carrier, runs) -> {
            List<InFlight> batch = new ArrayList<>();
            int chars = 0;
            for (InFlight run : runs) {
                int size = RunBatches.estimate(run.run.request());
                if (!batch.isEmpty() && (batch.size() == RunBatchRequest.MAX_RUNS || chars + size > MAX_BATCH_CHARS)) {
                    send(carrier, batch);
                    batch = new ArrayList<>();
                    chars = 0;
                }
                batch.add(run);
                chars += size;
            }
            send(carrier, batch);
        });
    }

    private void send(String carrier, List<InFlight> runs) {
        RunBatchRequest batch = new RunBatchRequest(resultsAddress, runs.stream().map(r -> r.run).toList());
        String address = WorkerAddresses.runBatch(carrier);
        Future<Void> sent = carrier.equals(selfNode) ? bus.deliverLocal(address, batch, bus.defaultTimeout())
            : bus.deliver(address, batch, bus.defaultTimeout());
        sent.onFailure(failure -> runs.forEach(run -> fail(run, BusClient.toMesh(failure))));
    }

    private void fail(InFlight run, MeshException failure) {
        if (inFlight.remove(run.run.request().leaseId(), run)) {
            vertx.cancelTimer(run.timer);
            run.promise.tryFail(failure);
        }
    }

    /** Outcomes from a carrier node: each counts only for a run in flight that was sent to that node. */
    private Future<Void> onResults(RunResultBatch batch, Caller caller) {
        String refusal = RunBatches.refusal(batch);
        if (refusal != null) {
            REFUSALS.log(resultsAddress, "result batch from node " + caller.nodeId() + ": " + refusal + "; nothing in it accepted");
            return Future.succeededFuture();
        }
        for (BatchedResult result : batch.results()) {
            accept(result, caller);
        }
        return Future.succeededFuture();
    }

    private void accept(BatchedResult result, Caller caller) {
        InFlight run = result == null ? null : inFlight.get(result.leaseId());
        if (run == null) {
            return; // answered already, timed out, or never sent from here: a replay or a late answer counts for nothing
        }
        if (!run.carrier.equals(caller.nodeId())) {
            REFUSALS.log(resultsAddress, "node " + caller.nodeId() + " answered for a run sent to node " + run.carrier);
            return;
        }
        inFlight.remove(result.leaseId());
        vertx.cancelTimer(run.timer);
        if (result.reply() != null) {
            run.promise.tryComplete(result.reply());
        } else {
            run.promise.tryFail(new MeshException(ErrorCode.fromStatus(result.failureCode()), RunBatches.clip(result.failure())));
        }
    }

    /** One run sent (or about to be) in a batch. */
    private static final class InFlight {
        private final String carrier;
        private final BatchedRun run;
        private final Promise<RunSubtaskReply> promise;
        private long timer;

        InFlight(String carrier, BatchedRun run, Promise<RunSubtaskReply> promise) {
            this.carrier = carrier;
            this.run = run;
            this.promise = promise;
        }
    }
}
