package io.edgecoder.coordinator.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The work a {@link CapacityTable} could not place at once. Each request waits in a
 * {@link FairQueue} (weighted fair share between accounts, priority within one, tie-breaks before
 * everything) and is granted a lease as capacity appears. A waiting request fails only when no
 * allowed worker has been known for its wait; while one is known (busy, or idle for its owner's
 * power settings) it keeps its place. Confined to the coordinator verticle's event loop, like the
 * table.
 */
final class Waitlist {
    /** Waiters of one account tried per pass before the next account's turn (their constraints may not fit the free workers). */
    private static final int SCAN_PER_ACCOUNT = 16;

    private final Vertx vertx;
    private final WorkerIndex workers;
    private final Function<Placement, Optional<CapacityTable.Lease>> choose;
    private final FairQueue<Waiter> queue;
    private boolean serving;

    /** A list that places waiting work with {@code choose} on the free workers of {@code workers}. */
    Waitlist(Vertx vertx, WorkerIndex workers, Function<Placement, Optional<CapacityTable.Lease>> choose,
             ToIntFunction<String> weights) {
        this.vertx = vertx;
        this.workers = workers;
        this.choose = choose;
        this.queue = new FairQueue<>(weights);
    }

    /** Requests waiting for a slot. */
    int size() {
        return queue.size();
    }

    /** Puts a request in its place in the fair order; the lease comes when a slot does. */
    Future<CapacityTable.Lease> enqueue(Placement placement, long waitMillis) {
        Waiter waiter = new Waiter(placement, Promise.promise(), Math.max(1, waitMillis));
        if (placement.urgent()) {
            queue.addUrgent(waiter);
        } else {
            queue.add(waiter, placement.ticket().account(), placement.ticket().priority());
        }
        arm(waiter);
        return waiter.promise.future();
    }

    private void arm(Waiter waiter) {
        waiter.timer = vertx.setTimer(waiter.waitMillis, id -> {
            if (workers.knownAllowed(waiter.placement)) {
                arm(waiter); // an allowed worker exists, only busy or idle for now: keep the place in the queue
            } else if (queue.remove(waiter, waiter.placement.ticket().account())) {
                waiter.promise.tryFail(new MeshException(ErrorCode.UNAVAILABLE,
                    "no eligible worker known for " + waiter.waitMillis + " ms"));
            }
        });
    }

    /** Withdraws the waiting requests of job {@code jobId}, failing them with {@code failure}; returns how many there were. */
    int withdraw(String jobId, MeshException failure) {
        int n = 0;
        for (Waiter w : queue.all()) {
            if (jobId.equals(w.placement.ticket().jobId()) && queue.remove(w, w.placement.ticket().account())) {
                vertx.cancelTimer(w.timer);
                w.promise.tryFail(failure);
                n++;
            }
        }
        return n;
    }

    /**
     * Grants free slots to waiting requests: tie-breaks first, then accounts in fair order. The
     * requesters hear of their leases only after the pass (a requester may release or acquire again).
     */
    void serve() {
        if (serving || queue.size() == 0 || workers.free().isEmpty()) {
            return;
        }
        serving = true;
        List<Runnable> grants = new ArrayList<>();
        try {
            for (Waiter w : queue.urgentItems()) {
                choose.apply(w.placement).ifPresent(lease -> grant(w, null, lease, grants));
            }
            PriorityQueue<FairQueue.Account<Waiter>> order = queue.order();
            while (!workers.free().isEmpty() && !order.isEmpty()) {
                FairQueue.Account<Waiter> account = order.poll();
                if (serveOne(account, grants) && account.size > 0) {
                    order.add(account);
                }
            }
        } finally {
            serving = false;
        }
        grants.forEach(Runnable::run);
    }

    /** Serves the first of the account's next waiters that a free worker can take. */
    private boolean serveOne(FairQueue.Account<Waiter> account, List<Runnable> grants) {
        for (Waiter w : account.head(SCAN_PER_ACCOUNT)) {
            Optional<CapacityTable.Lease> lease = choose.apply(w.placement);
            if (lease.isPresent()) {
                grant(w, account, lease.get(), grants);
                return true;
            }
        }
        return false;
    }

    private void grant(Waiter w, FairQueue.Account<Waiter> account, CapacityTable.Lease lease, List<Runnable> grants) {
        queue.served(w, account);
        vertx.cancelTimer(w.timer);
        grants.add(() -> {
            if (!w.promise.tryComplete(lease)) {
                lease.release();
            }
        });
    }

    private static final class Waiter {
        private final Placement placement;
        private final Promise<CapacityTable.Lease> promise;
        private final long waitMillis;
        private long timer;

        Waiter(Placement placement, Promise<CapacityTable.Lease> promise, long waitMillis) {
            this.placement = placement;
            this.promise = promise;
            this.waitMillis = waitMillis;
        }
    }
}
