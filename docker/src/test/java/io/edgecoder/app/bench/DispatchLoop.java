package io.edgecoder.app.bench;

import io.edgecoder.coordinator.impl.CapacityTable;
import io.edgecoder.coordinator.impl.ClaimCheck;
import io.edgecoder.coordinator.impl.HeartbeatAttribution;
import io.edgecoder.coordinator.impl.Placement;
import io.edgecoder.coordinator.impl.RunSender;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerHeartbeats;
import io.edgecoder.core.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's side of the dispatch benchmarks: the real {@link CapacityTable} fed by the
 * workers' heartbeats, on one event loop like the coordinator's, and three measures of a dispatch
 * (placement with the fleet saturated, placement with it idle, and the full round trip:
 * placement, the signed run request over the bus, the worker's signed reply, {@link ClaimCheck}
 * and the release; batched per worker node when the workers' node takes batches, as the
 * coordinator's {@link RunSender} does). Used by {@link DispatchBench} (workers in the same JVM) and
 * {@link ClusterDispatchBench} (workers in two other JVMs).
 */
final class DispatchLoop extends VerticleBase {
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
                (WorkerHeartbeats all, Caller caller) -> {
                    HeartbeatAttribution.each(all, caller).forEach(hb -> onHeartbeat(hb, caller));
                    return Future.succeededFuture();
                }));
    }

    /** As the coordinator records a heartbeat: the node the bus says sent it carries the worker (batched runs go there). */
    private Future<Void> onHeartbeat(WorkerHeartbeat hb, Caller caller) {
        table.onHeartbeat(hb, caller.edge(), caller.via() == null ? caller.nodeId() : null, System.currentTimeMillis());
        return Future.succeededFuture();
    }

    private static Placement placement(int i) {
        return Placement.of(hb -> true, Set.of()).forTicket(new Placement.Ticket("account-" + i % 3, 5, null));
    }

    /** Completes once the table knows {@code workers} workers (their heartbeats arrived). */
    Future<Integer> awaitWorkers(int workers) {
        Promise<Integer> known = Promise.promise();
        context.runOnContext(v -> poll(workers, known));
        return known.future();
    }

    private void poll(int workers, Promise<Integer> known) {
        if (table.size() < workers) {
            vertx.setTimer(200, id -> poll(workers, known));
        } else {
            known.complete(table.size());
        }
    }

    /** Placement with {@code n} subtasks of three accounts waiting: each freed slot granted to the next in fair order. */
    Future<String> saturated(int n, int workers) {
        Promise<String> out = Promise.promise();
        context.runOnContext(v -> out.complete(saturatedNow(n, workers)));
        return out.future();
    }

    private String saturatedNow(int n, int workers) {
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

    /** Placement with every worker free: acquire and release, each decision ranking them all. */
    Future<String> idle(int n) {
        Promise<String> out = Promise.promise();
        context.runOnContext(v -> out.complete(idleNow(n)));
        return out.future();
    }

    private String idleNow(int n) {
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

    /** {@code n} full dispatches, {@code inFlight} at once; fails if any dispatch failed or its reply was refused. */
    Future<String> roundTrips(int n, int inFlight) {
        Promise<String> out = Promise.promise();
        context.runOnContext(v -> startTrips(n, inFlight, out));
        return out.future();
    }

    private void startTrips(int n, int inFlight, Promise<String> out) {
        long[] times = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger running = new AtomicInteger(inFlight);
        long start = System.nanoTime();
        Runnable finished = () -> {
            if (running.decrementAndGet() > 0) {
                return;
            }
            long elapsed = System.nanoTime() - start;
            String line = String.format("dispatch round trip (%d in flight, placement + run request + signed reply + check):"
                + " %.0f dispatches/s; each %s", inFlight, n / (elapsed / 1e9), new Stats(times).summary());
            if (failed.get() > 0) {
                out.fail(failed.get() + " of " + n + " dispatches failed; " + line);
            } else {
                out.complete(line);
            }
        };
        for (int i = 0; i < inFlight; i++) {
            loop(next, n, times, failed, finished);
        }
    }

    private void loop(AtomicInteger next, int n, long[] times, AtomicInteger failed, Runnable finished) {
        int i = next.getAndIncrement();
        if (i >= n) {
            finished.run();
            return;
        }
        long t = System.nanoTime();
        table.acquire(placement(i), 60_000).compose(lease -> dispatch(i, lease)).onComplete(ar -> {
            if (ar.failed() || ar.result().claim() == null) {
                failed.incrementAndGet();
                System.err.println("dispatch " + i + " failed: " + (ar.failed() ? ar.cause() : ar.result().refusal()));
            }
            times[i] = System.nanoTime() - t;
            loop(next, n, times, failed, finished);
        });
    }

    private Future<ClaimCheck.Verdict> dispatch(int i, CapacityTable.Lease lease) {
        RunSubtaskRequest request = new RunSubtaskRequest("bench", "bench-" + i, "bench-" + i + "#1", 1, "python",
            Map.of(), "test_a.py", 60, false, lease.id());
        long sent = System.nanoTime();
        return runs.run(lease, request, Duration.ofSeconds(60))
            .map(reply -> ClaimCheck.check(request, lease, reply, (System.nanoTime() - sent) / 1_000_000 + 1, true))
            .onComplete(ar -> lease.release());
    }
}
