package io.edgecoder.app.fleet;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerPower;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker of the fleet simulator: it obeys the real worker protocol (heartbeats with its key and
 * power signals, replies on its run address signed with its own key) but runs nothing. Each run
 * takes about {@link Behaviour#runMs} (±50 %); with probability {@link Behaviour#failRate} the
 * run fails the way a broken sandbox does ({@code error}: says nothing about the tests, so the
 * coordinator runs it elsewhere); with probability {@link Behaviour#lieRate} it signs a made-up
 * failure; otherwise it reports that both tests of the file passed, claiming {@link #CPU_MS} of CPU.
 * Every honest completion is counted per subtask in {@code done}, so a test can prove each subtask
 * was done exactly once.
 */
public final class SimWorker extends SimulatedWorker {
    /** The CPU each honest run claims: a known measure, so pay can be checked exactly. */
    public static final long CPU_MS = 7;

    /**
     * @param slots runs at once
     * @param runMs mean run time
     * @param failRate share of runs that fail as a broken sandbox does
     * @param lieRate share of runs answered with a signed, made-up failure
     * @param power the power signals it reports (null: mains power, full share)
     */
    public record Behaviour(int slots, long runMs, double failRate, double lieRate, WorkerPower power) {
    }

    private final Behaviour behaviour;
    private final SplittableRandom random;
    private final Map<String, AtomicInteger> done;
    private final AtomicInteger completed = new AtomicInteger();
    private volatile WorkerPower power;

    public SimWorker(NodeIdentity identity, String org, String isolation, Behaviour behaviour, long seed, long heartbeatMs,
                     Map<String, AtomicInteger> done) {
        super(identity, org, isolation, behaviour.slots(), (int) Math.max(5_000, heartbeatMs * 5), heartbeatMs);
        this.behaviour = behaviour;
        this.random = new SplittableRandom(seed);
        this.done = done;
        this.power = behaviour.power();
    }

    /** A fresh map for counting honest completions per subtask, shared by a fleet. */
    public static Map<String, AtomicInteger> counter() {
        return new ConcurrentHashMap<>();
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** Honest completions of this worker. */
    public int completed() {
        return completed.get();
    }

    /** Changes what the worker reports about its power and announces it at once. */
    public void power(WorkerPower now) {
        power = now;
        heartbeatNow();
    }

    @Override
    protected WorkerPower power() {
        return power;
    }

    @Override
    protected Future<RunSubtaskReply> answer(RunSubtaskRequest request, int n) {
        double roll;
        long wall;
        synchronized (random) {
            roll = random.nextDouble();
            wall = Math.max(1, behaviour.runMs() / 2 + random.nextLong(Math.max(1, behaviour.runMs())));
        }
        long started = System.nanoTime();
        Promise<RunSubtaskReply> reply = Promise.promise();
        vertx.setTimer(wall, id -> reply.complete(sign(request, outcome(request, roll, started))));
        return reply.future();
    }

    private RunSubtaskReply outcome(RunSubtaskRequest request, double roll, long started) {
        long wallMs = Math.max(0, (System.nanoTime() - started) / 1_000_000 - 1);
        if (roll < behaviour.failRate()) {
            return new RunSubtaskReply(identity.nodeId(), "error", null, wallMs, 0, null, "", "simulated sandbox failure\n", false,
                isolation, null);
        }
        if (roll < behaviour.failRate() + behaviour.lieRate()) {
            return new RunSubtaskReply(identity.nodeId(), "failed", 1, wallMs, CPU_MS, null, "", "Ran 2 tests\nFAILED\n", false,
                isolation, new TestReport(2, 1, 1, 0, List.of("test_made_up (" + request.test() + ".T.test_made_up)")));
        }
        done.computeIfAbsent(request.subtaskId(), k -> new AtomicInteger()).incrementAndGet();
        completed.incrementAndGet();
        return new RunSubtaskReply(identity.nodeId(), "passed", 0, wallMs, CPU_MS, null, "", "Ran 2 tests\nOK\n", false, isolation,
            new TestReport(2, 2, 0, 0, List.of()));
    }
}
