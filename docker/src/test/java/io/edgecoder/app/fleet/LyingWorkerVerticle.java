package io.edgecoder.app.fleet;

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

/**
 * A simulated worker that speaks the protocol (heartbeats with its key, replies on its run
 * address, results signed with its own key) but lies the way {@link Lie} says. A replaying liar
 * obtains a real signed result by sending the same request to one of {@code victims} (honest
 * workers' node ids) and presents it. Reusable by fleet tests and benchmarks.
 */
public final class LyingWorkerVerticle extends VerticleBase {
    private final NodeIdentity identity;
    private final String org;
    private final String isolation;
    private final Lie lie;
    private final List<String> victims;
    private final AtomicInteger runs = new AtomicInteger();
    private BusClient bus;
    private long timer;

    public LyingWorkerVerticle(NodeIdentity identity, String org, String isolation, Lie lie, List<String> victims) {
        this.identity = identity;
        this.org = org;
        this.isolation = isolation;
        this.lie = lie;
        this.victims = List.copyOf(victims);
    }

    public String nodeId() {
        return identity.nodeId();
    }

    public Lie lie() {
        return lie;
    }

    /** Requests this liar answered. */
    public int runs() {
        return runs.get();
    }

    @Override
    public Future<?> start() {
        bus = new BusClient(vertx, Duration.ofSeconds(60));
        return bus.consumer(WorkerAddresses.run(identity.nodeId()), RunSubtaskRequest.class, this::answer)
            .onSuccess(c -> {
                timer = vertx.setPeriodic(200, id -> heartbeat(1));
                heartbeat(1);
            });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        heartbeat(0);
        return Future.succeededFuture();
    }

    private void heartbeat(int slots) {
        bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT, new WorkerHeartbeat(identity.nodeId(), org, List.of("python"),
            slots, slots, 0, isolation, 200, identity.publicKeyBase64(), 1));
    }

    private Future<RunSubtaskReply> answer(RunSubtaskRequest request) {
        int n = runs.incrementAndGet();
        return switch (lie) {
            case PASS_WITHOUT_RUNNING -> Future.succeededFuture(sign(request, made("passed", new TestReport(1, 1, 0, 0, List.of()), 3)));
            case WRONG_OUTPUT -> Future.succeededFuture(sign(request, made("failed",
                new TestReport(2, 1, 1, 0, List.of("test_made_up (" + request.test() + ".T.test_made_up)")), 3)));
            case INFLATED_CPU -> Future.succeededFuture(sign(request, made("passed", new TestReport(2, 2, 0, 0, List.of()), 3_600_000)));
            case NEGATIVE_CPU -> Future.succeededFuture(sign(request, made("passed", new TestReport(2, 2, 0, 0, List.of()), -1)));
            case REPLAY -> replay(request, n);
        };
    }

    private RunSubtaskReply made(String status, TestReport report, long cpuMs) {
        return new RunSubtaskReply(identity.nodeId(), status, "passed".equals(status) ? 0 : 1, 5, cpuMs, null,
            "", "Ran " + report.run() + " tests\n", false, isolation, report);
    }

    private RunSubtaskReply sign(RunSubtaskRequest request, RunSubtaskReply reply) {
        return reply.signed(ResultStatement.of(request, reply).sign(identity));
    }

    /** Asks a victim to run the very same request, then presents its signed answer (every other time under its own name). */
    private Future<RunSubtaskReply> replay(RunSubtaskRequest request, int n) {
        String victim = victims.get(n % victims.size());
        return bus.request(WorkerAddresses.run(victim), request, RunSubtaskReply.class, Duration.ofSeconds(60))
            .map(theirs -> n % 2 == 0 ? theirs : new RunSubtaskReply(identity.nodeId(), theirs.status(), theirs.exitCode(),
                theirs.wallMs(), theirs.cpuMs(), theirs.peakMemoryBytes(), theirs.stdout(), theirs.stderr(),
                theirs.outputTruncated(), theirs.isolation(), theirs.report(), theirs.signature()));
    }
}
