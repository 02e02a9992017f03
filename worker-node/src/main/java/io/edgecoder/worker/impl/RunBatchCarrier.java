package io.edgecoder.worker.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.BatchedResult;
import io.edgecoder.core.message.BatchedRun;
import io.edgecoder.core.message.RunBatchRequest;
import io.edgecoder.core.message.RunBatches;
import io.edgecoder.core.message.RunResultBatch;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.Caller;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's side of batched runs ({@code WorkerAddresses.runBatch}): takes a {@link RunBatchRequest}
 * from a coordinator, hands each run to the worker it names through {@link Runner} (exactly what a
 * single request on the worker's run address would get), and sends each outcome back to the batch's
 * {@code replyTo} as it finishes, the outcomes of one turn of the event loop gathered into one
 * {@link RunResultBatch} (one bus signature for the lot; every reply keeps its worker's own result
 * signature). A batch that breaks the bounds ({@link RunBatches#refusal(RunBatchRequest)}) or names a
 * reply address of another node than its sender is refused whole and nothing in it runs. Used on
 * one context (the verticle's that consumes the batch address).
 */
public final class RunBatchCarrier {
    /** Runs one request on one worker this node carries; fails as the worker's single request would (404: no such worker here). */
    @FunctionalInterface
    public interface Runner {
        Future<RunSubtaskReply> run(String workerId, RunSubtaskRequest request);
    }

    private final BusClient bus;
    private final Runner runner;
    private final String selfNode;
    private final Map<String, List<BatchedResult>> outgoing = new LinkedHashMap<>();
    private Context context;
    private Thread loop;
    private boolean flushing;

    public RunBatchCarrier(Vertx vertx, BusClient bus, Runner runner) {
        this.bus = bus;
        this.runner = runner;
        this.selfNode = BusAuth.nodeIdOf(vertx);
    }

    /** The batch address's handler: checks the batch, starts its runs, acknowledges at once. */
    public Future<Void> onBatch(RunBatchRequest batch, Caller caller) {
        MeshException refused = RunBatches.refusal(batch);
        if (refused != null) {
            return Future.failedFuture(refused);
        }
        if (!CoordinatorAddresses.isResultsOf(batch.replyTo(), caller.nodeId())) {
            return Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN, "results go only to the node that sent the batch ("
                + caller.nodeId() + ")"));
        }
        context = Vertx.currentContext();
        loop = Thread.currentThread(); // an event loop: the context's one thread
        for (BatchedRun run : batch.runs()) {
            start(batch.replyTo(), run);
        }
        return Future.succeededFuture();
    }

    private void start(String replyTo, BatchedRun run) {
        Future<RunSubtaskReply> reply;
        try {
            reply = runner.run(run.workerId(), run.request());
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        String lease = run.request().leaseId();
        reply.onComplete(ar -> finished(replyTo, ar.succeeded() ? BatchedResult.of(lease, run.workerId(), ar.result())
            : failed(lease, run.workerId(), ar.cause())));
    }

    private static BatchedResult failed(String lease, String workerId, Throwable cause) {
        MeshException mesh = BusClient.toMesh(cause);
        return BatchedResult.failed(lease, workerId, mesh.code().status(), mesh.getMessage());
    }

    private void finished(String replyTo, BatchedResult result) {
        if (Thread.currentThread() != loop) {
            context.runOnContext(v -> finished(replyTo, result));
            return;
        }
        outgoing.computeIfAbsent(replyTo, a -> new ArrayList<>()).add(result);
        if (!flushing) {
            flushing = true;
            context.runOnContext(v -> flush());
        }
    }

    private void flush() {
        flushing = false;
        Map<String, List<BatchedResult>> now = new LinkedHashMap<>(outgoing);
        outgoing.clear();
        now.forEach((replyTo, results) -> {
            for (int from = 0; from < results.size(); from += RunBatchRequest.MAX_RUNS) {
                send(replyTo, new RunResultBatch(List.copyOf(results.subList(from,
                    Math.min(results.size(), from + RunBatchRequest.MAX_RUNS)))));
            }
        });
    }

    private void send(String replyTo, RunResultBatch batch) {
        if (CoordinatorAddresses.isResultsOf(replyTo, selfNode)) {
            bus.sendLocal(replyTo, batch); // the coordinator is on this node: nothing leaves it, nothing to sign
        } else {
            bus.send(replyTo, batch);
        }
    }
}
