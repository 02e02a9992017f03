package io.edgecoder.app.policy;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.trust.ResultStatement;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A simulated worker with four slots (so placement picks it first) that answers every run with a
 * correctly signed pass, after {@code beforeAnswer} (given the request and its number, 1 for the
 * first) completes: the test uses it to blacklist the worker while it holds a lease.
 */
public final class BarredWorkerVerticle extends VerticleBase {
    private final NodeIdentity identity;
    private final String org;
    private final String isolation;
    private final BiFunction<RunSubtaskRequest, Integer, Future<?>> beforeAnswer;
    private final AtomicInteger runs = new AtomicInteger();
    private BusClient bus;
    private long timer;

    public BarredWorkerVerticle(NodeIdentity identity, String org, String isolation,
                                BiFunction<RunSubtaskRequest, Integer, Future<?>> beforeAnswer) {
        this.identity = identity;
        this.org = org;
        this.isolation = isolation;
        this.beforeAnswer = beforeAnswer;
    }

    public String nodeId() {
        return identity.nodeId();
    }

    public int runs() {
        return runs.get();
    }

    @Override
    public Future<?> start() {
        bus = new BusClient(vertx, Duration.ofSeconds(60));
        return bus.consumer(WorkerAddresses.run(identity.nodeId()), RunSubtaskRequest.class, this::answer)
            .onSuccess(c -> {
                timer = vertx.setPeriodic(200, id -> heartbeat(4));
                heartbeat(4);
            });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        heartbeat(0);
        return Future.succeededFuture();
    }

    private void heartbeat(int slots) {
        // sent every 200 ms but announced as every 2 s: a loaded test machine must not make coordinators forget it mid-lease
        bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, new WorkerHeartbeat(identity.nodeId(), org, List.of("python"), slots, slots,
            0, isolation, 2000, identity.publicKeyBase64(), 1));
    }

    private Future<RunSubtaskReply> answer(RunSubtaskRequest request) {
        int n = runs.incrementAndGet();
        RunSubtaskReply reply = new RunSubtaskReply(identity.nodeId(), "passed", 0, 5, 3, null, "", "Ran 2 tests\n", false, isolation,
            new TestReport(2, 2, 0, 0, List.of()));
        return beforeAnswer.apply(request, n).map(v -> reply.signed(ResultStatement.of(request, reply).sign(identity)));
    }
}
