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
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker of the fleet simulator: it obeys the real worker protocol (heartbeats with its key and
 * power signals, replies on its run address signed with its own key) but runs nothing. Each run
 * takes about {@link Behaviour#runMs} (±50 %); with probability {@link Behaviour#failRate} the
 * run fails the way a broken sandbox does ({@code error}: says nothing about the tests, so the
 * coordinator runs it elsewhere); with probability {@link Behaviour#lieRate} it signs a lie of
 * the kind {@link Behaviour#lie} says; otherwise it reports the test file's true outcome (a
 * {@link FleetJobs} file: both tests pass, or the second fails), claiming {@link #CPU_MS} of CPU.
 * Every honest completion is counted per subtask in {@code done}, so a test can prove each subtask
 * was done exactly once (or, when verified by replicas, as often as verification asked).
 *
 * <p>Liars are independent: no two tell the same lie (a made-up failing test and a guessed test
 * count carry the liar's own id or number), so two liars never agree with each other. Liars that
 * tell the same lie form a quorum; docs/coordinator.md ("Verified work") says when that passes.
 */
public final class SimWorker extends SimulatedWorker {
    /** The CPU each honest run claims: a known measure, so pay can be checked exactly. */
    public static final long CPU_MS = 7;
    /** The CPU an {@link Lie#INFLATED_CPU} liar claims: an hour, for a run of milliseconds. */
    public static final long INFLATED_CPU_MS = 3_600_000;

    /**
     * @param slots runs at once
     * @param runMs mean run time
     * @param failRate share of runs that fail as a broken sandbox does
     * @param lieRate share of runs answered with a signed lie
     * @param power the power signals it reports (null: mains power, full share)
     * @param lie what the lie is: {@link Lie#WRONG_OUTPUT} (null too), {@link Lie#PASS_WITHOUT_RUNNING} or
     *     {@link Lie#INFLATED_CPU}
     */
    public record Behaviour(int slots, long runMs, double failRate, double lieRate, WorkerPower power, Lie lie) {
        public Behaviour {
            if (lie != null && lie != Lie.WRONG_OUTPUT && lie != Lie.PASS_WITHOUT_RUNNING && lie != Lie.INFLATED_CPU) {
                throw new IllegalArgumentException("a simulated worker cannot tell the lie " + lie);
            }
        }

        public Behaviour(int slots, long runMs, double failRate, double lieRate, WorkerPower power) {
            this(slots, runMs, failRate, lieRate, power, null);
        }

        /** Whether this worker ever lies. */
        public boolean liar() {
            return lieRate > 0;
        }
    }

    private final Behaviour behaviour;
    private final long seed;
    private final SplittableRandom random;
    private final Map<String, AtomicInteger> done;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger lies = new AtomicInteger();
    private final Queue<String> completedJobs = new ConcurrentLinkedQueue<>();
    private volatile WorkerPower power;

    public SimWorker(NodeIdentity identity, String org, String isolation, Behaviour behaviour, long seed, long heartbeatMs,
                     Map<String, AtomicInteger> done) {
        super(identity, org, isolation, behaviour.slots(), (int) Math.max(5_000, heartbeatMs * 5), heartbeatMs);
        this.behaviour = behaviour;
        this.seed = seed;
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

    /** The job of each honest completion, one entry per completion. */
    public List<String> completedJobs() {
        return List.copyOf(completedJobs);
    }

    /** Signed lies this worker told. */
    public int lies() {
        return lies.get();
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
        if (behaviour.runMs() == 0) {
            return Future.succeededFuture(sign(request, outcome(request, roll, started))); // answers at once: no timer
        }
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
        boolean failing = request.files() != null && FleetJobs.fails(request.files().get(request.test()));
        if (roll < behaviour.failRate() + behaviour.lieRate()) {
            lies.incrementAndGet();
            return lie(request, failing, wallMs);
        }
        done.computeIfAbsent(request.subtaskId(), k -> new AtomicInteger()).incrementAndGet();
        completed.incrementAndGet();
        completedJobs.add(request.jobId());
        return truth(request, failing, wallMs, CPU_MS);
    }

    /** What an honest run of the file reports: both tests pass, or the second one fails. */
    private RunSubtaskReply truth(RunSubtaskRequest request, boolean failing, long wallMs, long cpuMs) {
        if (failing) {
            return new RunSubtaskReply(identity.nodeId(), "failed", 1, wallMs, cpuMs, null, "", "Ran 2 tests\nFAILED\n", false,
                isolation, new TestReport(2, 1, 1, 0, List.of("test_adds_again (" + request.test() + ")")));
        }
        return new RunSubtaskReply(identity.nodeId(), "passed", 0, wallMs, cpuMs, null, "", "Ran 2 tests\nOK\n", false, isolation,
            new TestReport(2, 2, 0, 0, List.of()));
    }

    private RunSubtaskReply lie(RunSubtaskRequest request, boolean failing, long wallMs) {
        Lie kind = behaviour.lie() == null ? Lie.WRONG_OUTPUT : behaviour.lie();
        return switch (kind) {
            case PASS_WITHOUT_RUNNING -> {
                int guessed = 3 + (int) (seed % 100_000); // each liar guesses its own test count
                yield new RunSubtaskReply(identity.nodeId(), "passed", 0, wallMs, CPU_MS, null, "", "OK\n", false, isolation,
                    new TestReport(guessed, guessed, 0, 0, List.of()));
            }
            case INFLATED_CPU -> truth(request, failing, wallMs, INFLATED_CPU_MS);
            default -> new RunSubtaskReply(identity.nodeId(), "failed", 1, wallMs, CPU_MS, null, "", "Ran 2 tests\nFAILED\n",
                false, isolation, new TestReport(2, 1, 1, 0, List.of("test_made_up_by_" + identity.nodeId() + " ("
                + request.test() + ")")));
        };
    }
}
