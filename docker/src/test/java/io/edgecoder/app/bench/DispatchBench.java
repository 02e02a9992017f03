package io.edgecoder.app.bench;

import io.edgecoder.app.fleet.SimCarrier;
import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dispatch with 1,000 simulated workers ({@link SimWorker}, one slot each) on one clustered node,
 * using the coordinator's real {@code CapacityTable} fed by the workers' heartbeats
 * ({@link DispatchLoop}):
 * <ol>
 *   <li><b>placement, saturated</b>: 20,000 subtasks of three accounts wait; each freed slot is
 *       granted to the next subtask in fair order (decision, lease and explanation) — the scheduler's
 *       own cost per dispatch, on the coordinator's event loop;</li>
 *   <li><b>placement, idle fleet</b>: acquire and release with every worker free (each decision
 *       ranks all 1,000);</li>
 *   <li><b>dispatch round trip</b>: placement, then the run request over the event bus to the
 *       worker, its signed reply, the signature and measure check ({@code ClaimCheck}) and the
 *       release, with as many in flight as there are slots.</li>
 * </ol>
 * It does not include what a real subtask adds: the database writes of the dispatch and the
 * result, verification bookkeeping and settlement (FleetSimulatorIT measures those end to end).
 * The same across three JVMs: {@link ClusterDispatchBench}.
 * Usage: DispatchBench [workers] [round trips] [batched] (defaults 1000, 100000, true; {@code false}: one
 * run request message per dispatch, as before batches).
 */
public final class DispatchBench {
    private DispatchBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        boolean batched = args.length <= 2 || Boolean.parseBoolean(args[2]);
        List<Vertx> nodes = TestClusters.start(1);
        Vertx node = nodes.get(0);
        DispatchLoop loop = new DispatchLoop();
        await(node.deployVerticle(loop));
        SimCarrier carrier = new SimCarrier();
        await(node.deployVerticle(carrier));
        System.out.println("run requests " + (batched ? "batched per node" : "one message each"));
        List<Future<String>> deployed = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            SimWorker worker = new SimWorker(NodeIdentity.ephemeral(), "home", "strong", new SimWorker.Behaviour(1, 0, 0, 0, null),
                i, 1000, SimWorker.counter());
            deployed.add(node.deployVerticle(batched ? worker.carriedBy(carrier) : worker));
        }
        await(Future.all(deployed));
        System.out.println("workers known: " + await(loop.awaitWorkers(workers)));
        System.out.println(await(loop.saturated(20_000, workers)));
        System.out.println(await(loop.saturated(20_000, workers)));
        System.out.println(await(loop.idle(20_000)));
        await(loop.roundTrips(trips / 10, workers));
        CpuMeter cpu = CpuMeter.start(List.of());
        System.out.println(await(loop.roundTrips(trips, workers)));
        System.out.println(cpu.perOperation(trips));
        TestClusters.closeAll(nodes);
        System.exit(0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }
}
