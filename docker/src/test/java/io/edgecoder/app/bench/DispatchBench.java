package io.edgecoder.app.bench;

import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.coordinator.impl.CapacityTable;
import io.edgecoder.coordinator.impl.ClaimCheck;
import io.edgecoder.coordinator.impl.Placement;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dispatch with 1,000 simulated workers ({@link SimWorker}, one slot each) on one clustered node,
 * using the coordinator's real {@link CapacityTable} fed by the workers' heartbeats:
 * <ol>
 *   <li><b>placement, saturated</b>: 20,000 subtasks of three accounts wait; each freed slot is
 *       granted to the next subtask in fair order (decision, lease and explanation) — the scheduler's
 *       own cost per dispatch, on the coordinator's event loop;</li>
 *   <li><b>placement, idle fleet</b>: acquire and release with every worker free (each decision
 *       ranks all 1,000);</li>
 *   <li><b>dispatch round trip</b>: placement, then the run request over the event bus to the
 *       worker, its signed reply, the signature and measure check ({@link ClaimCheck}) and the
 *       release, with as many in flight as there are slots.</li>
 * </ol>
 * It does not include what a real subtask adds: the database writes of the dispatch and the
 * result, verification bookkeeping and settlement (FleetSimulatorIT measures those end to end).
 * Usage: DispatchBench [workers] [round trips] (defaults 1000 and 100000).
 */
public final class DispatchBench {
    private DispatchBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Vertx> nodes = TestClusters.start(1);
        Vertx node = nodes.get(0);
        Bench bench = new Bench(workers, trips);
        await(node.deployVerticle(bench));
        List<Future<String>> deployed = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            deployed.add(node.deployVerticle(new SimWorker(NodeIdentity.ephemeral(), "home", "strong",
                new SimWorker.Behaviour(1, 0, 0, 0, null), i, 1000, SimWorker.counter())));
        }
        await(Future.all(deployed));
        System.out.println(await(bench.run()));
        TestClusters.closeAll(nodes);
        System.exit(0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    }

    private static Placement placement(int i) {
        return Placement.of(hb -> true, Set.of()).forTicket(new Placement.Ticket("account-" + i % 3, 5, null));
    }

    /** Runs on one event loop, like the coordinator's table. */
    private static final class Bench extends VerticleBase {
        private final int workers;
        private final int trips;
        private CapacityTable table;
        private BusClient bus;

        Bench(int workers, int trips) {
            this.workers = workers;
            this.trips = trips;
        }

        @Override
        public Future<?> start() {
            table = new CapacityTable(vertx, 10);
            bus = new BusClient(vertx, Duration.ofSeconds(30));
            return bus.consumer(CoordinatorAddresses.WORKER_HEARTBEAT, WorkerHeartbeat.class, hb -> {
                table.onHeartbeat(hb, System.currentTimeMillis());
                return Future.succeededFuture();
            });
        }

        Future<String> run() {
            Promise<String> done = Promise.promise();
            context.runOnContext(v -> awaitWorkers(done));
            return done.future();
        }

        private void awaitWorkers(Promise<String> done) {
            if (table.size() < workers) {
                vertx.setTimer(200, id -> awaitWorkers(done));
                return;
            }
            StringBuilder out = new StringBuilder();
            out.append("workers known: ").append(table.size()).append('\n');
            out.append(saturated(20_000)).append('\n');
            out.append(saturated(20_000)).append('\n');
            out.append(idle(20_000)).append('\n');
            roundTrips(trips / 10).compose(warm -> roundTrips(trips))
                .onSuccess(r -> done.complete(out.append(r).toString())).onFailure(done::fail);
        }

        private String saturated(int n) {
            ArrayDeque<CapacityTable.Lease> held = new ArrayDeque<>();
            for (int i = 0; i < workers; i++) {
                table.acquire(placement(i), 60_000).onSuccess(held::add);
            }
            for (int i = 0; i < n; i++) {
                table.acquire(placement(i), 600_000).onSuccess(held::add);
            }
            long[] times = new long[n];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                held.poll().release(); // the freed slot goes to the next waiting subtask at once
                times[i] = System.nanoTime() - t;
            }
            long elapsed = System.nanoTime() - start;
            held.forEach(CapacityTable.Lease::release);
            return String.format("placement, saturated (%d waiting, 3 accounts): %.0f grants/s; per grant %s", n,
                n / (elapsed / 1e9), new Stats(times).summary());
        }

        private String idle(int n) {
            long[] times = new long[n];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                CapacityTable.Lease lease = table.acquire(placement(i), 1000).result();
                lease.release();
                times[i] = System.nanoTime() - t;
            }
            long elapsed = System.nanoTime() - start;
            return String.format("placement, idle fleet (every worker free, ranked): %.0f acquire+release/s; each %s",
                n / (elapsed / 1e9), new Stats(times).summary());
        }

        private Future<String> roundTrips(int n) {
            long[] times = new long[n];
            AtomicInteger next = new AtomicInteger();
            Promise<String> done = Promise.promise();
            long start = System.nanoTime();
            AtomicInteger running = new AtomicInteger(workers);
            for (int i = 0; i < workers; i++) {
                loop(next, n, times, () -> {
                    if (running.decrementAndGet() == 0) {
                        long elapsed = System.nanoTime() - start;
                        done.complete(String.format("dispatch round trip (%d in flight, placement + run request + signed reply"
                            + " + check): %.0f dispatches/s; each %s", workers, n / (elapsed / 1e9), new Stats(times).summary()));
                    }
                });
            }
            return done.future();
        }

        private void loop(AtomicInteger next, int n, long[] times, Runnable finished) {
            int i = next.getAndIncrement();
            if (i >= n) {
                finished.run();
                return;
            }
            long t = System.nanoTime();
            table.acquire(placement(i), 60_000).compose(lease -> {
                RunSubtaskRequest request = new RunSubtaskRequest("bench", "bench-" + i, "bench-" + i + "#1", 1, "python",
                    Map.of(), "test_a.py", 60, false, lease.id());
                long sent = System.nanoTime();
                return bus.request(WorkerAddresses.run(lease.nodeId()), request, RunSubtaskReply.class)
                    .map(reply -> ClaimCheck.check(request, lease, reply, (System.nanoTime() - sent) / 1_000_000 + 1, true))
                    .onComplete(ar -> lease.release());
            }).onComplete(ar -> {
                if (ar.failed() || ar.result().claim() == null) {
                    System.err.println("dispatch " + i + " failed: " + (ar.failed() ? ar.cause() : ar.result().refusal()));
                }
                times[i] = System.nanoTime() - t;
                loop(next, n, times, finished);
            });
        }
    }
}
