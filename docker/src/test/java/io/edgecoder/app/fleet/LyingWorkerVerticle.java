package io.edgecoder.app.fleet;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A simulated worker that speaks the protocol (heartbeats with its key, replies on its run
 * address, results signed with its own key) but lies the way {@link Lie} says. A replaying liar
 * obtains a real signed result by sending the same request to one of {@code victims} (honest
 * workers' node ids) and presents it. Reusable by fleet tests and benchmarks.
 */
public final class LyingWorkerVerticle extends SimulatedWorker {
    private final Lie lie;
    private final List<String> victims;

    public LyingWorkerVerticle(NodeIdentity identity, String org, String isolation, Lie lie, List<String> victims) {
        super(identity, org, isolation, 1, 200);
        this.lie = lie;
        this.victims = List.copyOf(victims);
    }

    public Lie lie() {
        return lie;
    }

    @Override
    protected Future<RunSubtaskReply> answer(RunSubtaskRequest request, int n) {
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

    /** Asks a victim to run the very same request, then presents its signed answer (every other time under its own name). */
    private Future<RunSubtaskReply> replay(RunSubtaskRequest request, int n) {
        String victim = victims.get(n % victims.size());
        return bus.request(WorkerAddresses.run(victim), request, RunSubtaskReply.class, Duration.ofSeconds(60))
            .map(theirs -> n % 2 == 0 ? theirs : new RunSubtaskReply(identity.nodeId(), theirs.status(), theirs.exitCode(),
                theirs.wallMs(), theirs.cpuMs(), theirs.peakMemoryBytes(), theirs.stdout(), theirs.stderr(),
                theirs.outputTruncated(), theirs.isolation(), theirs.report(), theirs.signature()));
    }
}
