package io.edgecoder.worker.impl;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Up to {@code size} pre-started sandboxes of one language, each holding a uid of the run pool from its start
 * until its one run ends; then it is destroyed. Refills happen on one background thread, one
 * sandbox at a time, after a run ends (so a refill does not compete with the run that used the
 * sandbox) and never when no uid is free; at the idle priority while a sandbox is ready, at the
 * worker's once a run found none. A sandbox counts only once its runtime said it is
 * ready; after {@value #MAX_FAILURES} failures in a row (a start that fails, a runtime that
 * never says ready or dies waiting) the pool disables itself, says so once, and every run
 * starts cold.
 */
final class WarmPool implements AutoCloseable {
    static final int MAX_FAILURES = 3;
    static final long READY_DEADLINE_MS = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

    /** One pre-started sandbox: its host side (uid, cgroup) and its waiting process. */
    record Prestarted(BwrapRun run, Supervisor.Started process, boolean idle) {
        /** One started at the worker's own priority. */
        Prestarted(BwrapRun run, Supervisor.Started process) {
            this(run, process, false);
        }

        void destroy() {
            process.discard();
            run.close();
        }
    }

    /** Starts the sandbox of one uid (blocking); the caller waits for it to be ready. */
    interface Starter {
        Prestarted start(int uid) throws Exception;

        /**
         * As {@link #start(int)}; {@code idle}: at the lowest CPU priority (the pool has a sandbox
         * ready, so this start must not compete with runs), else at the worker's (the pool ran dry
         * and jobs run cold until it refills).
         */
        default Prestarted start(int uid, boolean idle) throws Exception {
            return start(uid);
        }

        /**
         * Called once {@code p} said it is ready, before it is offered (blocking, on the refill
         * thread, so nothing of it is on a job's path); false: it cannot be used.
         */
        default boolean readied(Prestarted p) {
            return true;
        }
    }

    /** What the pool did so far. */
    record Stats(int ready, long served, long fellBack, boolean enabled) {
    }

    private final Starter starter;
    private final UidPool uids;
    private final int size;
    private final LinkedBlockingDeque<Prestarted> ready = new LinkedBlockingDeque<>();
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    private final ExecutorService refiller;
    private final ScheduledExecutorService watchdog;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong fellBack = new AtomicLong();
    private volatile boolean enabled = true;
    private volatile boolean closed;
    /** A run found no sandbox ready since the last one got ready: refills start at the worker's priority. */
    private volatile boolean dry;
    /** The sandbox being started now, if any. */
    private volatile Prestarted starting;

    WarmPool(Starter starter, UidPool uids, int size) {
        this.starter = starter;
        this.uids = uids;
        this.size = size;
        // One refill at a time and at most one waiting: a fill runs until the pool is full anyway.
        this.refiller = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1),
            r -> daemon(r, "edgecoder-warm-refill"), new ThreadPoolExecutor.DiscardPolicy());
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "edgecoder-warm-watchdog"));
        refill();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A ready sandbox, or empty (none ready, or the pool is disabled): the caller runs cold. */
    Optional<Prestarted> take() {
        while (enabled && !closed) {
            Prestarted p = ready.poll();
            if (p == null) {
                dry = true;
                boost();
                refill();
                return Optional.empty();
            }
            if (p.process().alive()) {
                return Optional.of(p);
            }
            release(p);
            failed("a pre-started sandbox ended while it waited");
        }
        return Optional.empty();
    }

    /**
     * The pool ran dry: the sandbox starting at the idle priority now goes on at the worker's, off
     * the caller's thread (it is returned to that priority once ready anyway).
     */
    private void boost() {
        Prestarted s = starting;
        if (s != null && s.idle()) {
            try {
                watchdog.execute(() -> starter.readied(s));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the pool is closing: the sandbox is destroyed anyway
            }
        }
    }

    /** The run of {@code p} ended; {@code certain}: its result stands (else it was repeated cold). */
    void finished(Prestarted p, boolean certain) {
        release(p);
        // A repeated run is counted, never held against the pool: a job can make its own run look unsure.
        (certain ? served : fellBack).incrementAndGet();
        refill();
    }

    private void release(Prestarted p) {
        p.destroy();
        held.remove(p.run().uid());
        uids.release(p.run().uid());
    }

    void refill() {
        if (enabled && !closed) {
            refiller.execute(this::fill);
        }
    }

    private void fill() {
        while (enabled && !closed && held.size() < size) {
            Integer uid = uids.tryAcquire();
            if (uid == null) {
                return;
            }
            held.add(uid);
            if (!startOne(uid)) {
                // Tried again at once: MAX_FAILURES in a row disable the pool, so this loop is bounded.
                held.remove(uid);
                uids.release(uid);
            }
        }
    }

    private boolean startOne(int uid) {
        Prestarted p;
        try {
            p = starter.start(uid, !dry);
        } catch (Exception e) {
            failed("could not start a sandbox: " + e.getMessage());
            return false;
        }
        ScheduledFuture<?> stop = watchdog.schedule(p.process()::discard, READY_DEADLINE_MS, TimeUnit.MILLISECONDS);
        starting = p;
        boolean isReady = p.process().awaitMarker(WarmLoader.READY);
        starting = null;
        stop.cancel(false);
        if (!isReady || closed || !starter.readied(p)) {
            p.destroy();
            if (!closed) {
                failed(isReady ? "a pre-started sandbox could not be returned to the worker's priority"
                    : "the runtime of a pre-started sandbox did not get ready");
            }
            return false;
        }
        ready.add(p);
        dry = false;
        failures.set(0);
        return true;
    }

    private void failed(String why) {
        if (failures.incrementAndGet() >= MAX_FAILURES && enabled) {
            enabled = false;
            LOG.warn("pre-started sandboxes disabled after {} failures in a row (last: {}); every run starts cold", MAX_FAILURES, why);
            drain();
        } else {
            LOG.debug("pre-started sandbox: {}", why);
        }
    }

    private void drain() {
        for (Prestarted p = ready.poll(); p != null; p = ready.poll()) {
            release(p);
        }
    }

    /** Uids the pool holds now (sandboxes starting, waiting or running): their processes are expected. */
    Set<Integer> heldUids() {
        return Set.copyOf(held);
    }

    Stats stats() {
        return new Stats(ready.size(), served.get(), fellBack.get(), enabled);
    }

    /** Stops refilling and destroys every waiting sandbox; runs in progress end as they would. */
    @Override
    public void close() {
        closed = true;
        refiller.shutdown();
        try {
            refiller.awaitTermination(READY_DEADLINE_MS + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
        drain();
    }
}
