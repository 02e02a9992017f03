package io.edgecoder.app.policy;

import io.edgecoder.app.fleet.SimulatedWorker;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A simulated worker with four slots (so placement picks it first) that answers every run with a
 * correctly signed pass, after {@code beforeAnswer} (given the request and its number, 1 for the
 * first) completes: the test uses it to blacklist the worker while it holds a lease. It announces
 * a 2 s heartbeat interval so a loaded test machine does not make coordinators forget it mid-lease.
 */
public final class BarredWorkerVerticle extends SimulatedWorker {
    private final BiFunction<RunSubtaskRequest, Integer, Future<?>> beforeAnswer;

    public BarredWorkerVerticle(NodeIdentity identity, String org, String isolation,
                                BiFunction<RunSubtaskRequest, Integer, Future<?>> beforeAnswer) {
        super(identity, org, isolation, 4, 2000);
        this.beforeAnswer = beforeAnswer;
    }

    @Override
    protected Future<RunSubtaskReply> answer(RunSubtaskRequest request, int n) {
        RunSubtaskReply reply = new RunSubtaskReply(identity.nodeId(), "passed", 0, 5, 3, null, "", "Ran 2 tests\n", false, isolation,
            new TestReport(2, 2, 0, 0, List.of()));
        return beforeAnswer.apply(request, n).map(v -> sign(request, reply));
    }
}
