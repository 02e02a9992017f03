package io.edgecoder.app.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.fleet.Lie;
import io.edgecoder.app.fleet.SimFleet;
import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.WorkerPower;
import io.edgecoder.core.testing.Await;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fleet simulator at scale: {@value #WORKERS} simulated workers on the clustered bus against
 * the real coordinator, ledger and database, {@value #JOBS} mesh jobs of {@value #TESTS} test files
 * (1,000 subtasks by default, to keep it near a few minutes inside {@code mvn verify -Pall} on a loaded machine) from
 * three requesters with fair-share weights 1, 1 and 2. One worker in twenty belongs to the
 * requester's organisation (trusted: its result is final as signed); the others belong to ten
 * other organisations, so their results are verified as the real system verifies them (replicas,
 * quorum, reputation, tie-breaks; default trust settings). About 3 % of the workers are liars
 * that lie on every run, a third each: a made-up failure, a pass without running (a guessed
 * report), an hour of CPU for a run of milliseconds. Every fifth job has one failing test file, so
 * the true outcome of every subtask is known. Every tenth worker runs on battery without its
 * owner's consent, and every worker starts in its owner's quiet hours, so all the work is queued
 * before the first slot opens; then quiet hours end. The full size of issue 12 (1,000 workers,
 * 10,000 subtasks) is {@code -Dedgecoder.sim.jobs=1000}; its figures are in docs/benchmarks.md
 * ("Scheduling").
 */
@Tag("slow")
@Tag("fleet-large")
class FleetSimulatorIT {
    static final int WORKERS = 1000;
    static final int JOBS = 100;
    static final int TESTS = 10;
    /** Fair share is checked over the dispatches while every requester still has work waiting, within this many points. */
    static final double TOLERANCE = 0.05;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FleetSimulatorIT.class);

    private static String secs(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static WorkerPower power(int i, boolean quiet) {
        return switch (i % 10) {
            case 0 -> new WorkerPower(true, false, false, false, quiet, 100);
            case 1 -> new WorkerPower(true, true, false, false, quiet, 100);
            case 2 -> new WorkerPower(false, false, false, true, quiet, 100);
            default -> new WorkerPower(false, false, false, false, quiet, 100);
        };
    }

    /** One worker in twenty is of the requester's organisation: trusted, the tie-breakers. */
    static boolean trusted(int i) {
        return i % 20 == 3;
    }

    /** About 3 % of the workers lie on every run (never a trusted one: a liar inside the trust domain is believed). */
    static boolean liar(int i) {
        return i % 33 == 5 && !trusted(i);
    }

    static Lie lieOf(int i) {
        return List.of(Lie.WRONG_OUTPUT, Lie.PASS_WITHOUT_RUNNING, Lie.INFLATED_CPU).get(i / 33 % 3);
    }

    private static SimWorker.Behaviour behaviour(int i) {
        return new SimWorker.Behaviour(1 + i % 2, 20, 0.01, liar(i) ? 1.0 : 0, power(i, true), liar(i) ? lieOf(i) : null);
    }

    /** Every fifth job has one failing test file; the others pass. */
    static List<Boolean> failing(int k) {
        List<Boolean> files = new ArrayList<>();
        for (int t = 0; t < TESTS; t++) {
            files.add(k % 5 == 4 && t == k / 5 % TESTS);
        }
        return files;
    }

    @Test
    void aThousandWorkersWithLiarsDoEverySubtaskTrulyPaidExactlyInFairSharesWhileBatteryWorkersIdle() throws Exception {
        int workers = Integer.getInteger("edgecoder.sim.workers", WORKERS);
        int jobs = Integer.getInteger("edgecoder.sim.jobs", JOBS);
        SimFleet.Spec spec = new SimFleet.Spec(workers, FleetSimulatorIT::behaviour,
            i -> trusted(i) ? SimFleet.HOME : "m" + i % 10, 2000,
            Map.of(ConfigKeys.FAIR_WEIGHTS, "gold=2", ConfigKeys.MAX_ATTEMPTS, "5", "ledger.fee.bps", "0",
                ConfigKeys.QUEUE_MAX_PER_ACCOUNT, String.valueOf(jobs)));
        long t0 = System.nanoTime();
        try (SimFleet fleet = SimFleet.start(spec)) {
            long t1 = System.nanoTime();
            Map<String, List<Boolean>> truth = new HashMap<>();
            Map<String, String> accountOf = submitAll(fleet, Map.of("many", jobs / 2, "few", jobs / 4, "gold", jobs / 4), truth);
            int subtasks = accountOf.size() * TESTS;
            Await.until("all " + subtasks + " subtasks planned and waiting", Duration.ofMinutes(3),
                () -> fleet.count("SELECT count(*) FROM subtasks"), n -> n == subtasks);
            assertThat(fleet.dispatches()).as("nothing runs in quiet hours").isEmpty();
            long t2 = System.nanoTime();

            for (int i = 0; i < fleet.workers().size(); i++) {
                fleet.workers().get(i).power(power(i, false));
            }
            Await.until("all jobs finished", Duration.ofMinutes(10), () -> fleet.finished().size(), n -> n == accountOf.size());
            long t3 = System.nanoTime();
            LOG.info("fleet of {} workers: started in {} s; {} jobs submitted and planned in {} s; {} subtasks run, verified and"
                + " jobs finished in {} s ({} subtasks/s)", workers, secs(t1 - t0), accountOf.size(), secs(t2 - t1), subtasks,
                secs(t3 - t2), Math.round(subtasks / ((t3 - t2) / 1e9)));

            LiarChecks checks = new LiarChecks(fleet, truth);
            checks.log();
            checks.assertEveryJobEndsWithItsTrueVerdict();
            checks.assertNoLieIsAcceptedAndEverySubtaskIsDoneAsVerificationAsked(subtasks);
            checks.assertEveryLiarIsCaughtAndNoHonestWorker();
            assertBatteryWorkersIdle(fleet);
            checks.assertPaidExactlyForTruthNeverForLies();
            assertFairShares(fleet, accountOf);
        }
    }

    /** Submits every account's mesh jobs interleaved (25 at a time); returns each job's account and fills each job's truth. */
    private static Map<String, String> submitAll(SimFleet fleet, Map<String, Integer> jobsOf, Map<String, List<Boolean>> truth)
        throws Exception {
        Map<String, String> accountOf = new HashMap<>();
        Map<String, Integer> left = new HashMap<>(jobsOf);
        int k = 0;
        while (!left.isEmpty()) {
            for (String account : List.copyOf(left.keySet())) {
                int n = Math.min(25, left.get(account));
                List<List<Boolean>> files = new ArrayList<>();
                List<Future<String>> batch = new ArrayList<>();
                for (int i = 0; i < n; i++, k++) {
                    files.add(failing(k));
                    batch.add(fleet.submit(account, files.get(i), "mesh", null, null));
                }
                for (int i = 0; i < n; i++) {
                    String id = SimFleet.await(batch.get(i));
                    accountOf.put(id, account);
                    truth.put(id, files.get(i));
                }
                if (left.merge(account, -n, Integer::sum) == 0) {
                    left.remove(account);
                }
            }
        }
        return accountOf;
    }

    private static void assertBatteryWorkersIdle(SimFleet fleet) {
        for (SimWorker w : fleet.workers()) {
            WorkerPower p = w.behaviour().power();
            if (p.onBattery() && !p.batteryAllowed()) {
                assertThat(w.runs()).as("runs of battery worker %s", w.nodeId()).isZero();
            }
        }
        assertThat(fleet.workers().stream().filter(w -> w.behaviour().power().batteryAllowed()).mapToInt(SimWorker::runs).sum())
            .as("a battery worker whose owner allows it does work").isPositive();
        // the workers' node announced batches, so the real coordinator sent every run in one (coordinator.md, "Batched dispatch")
        assertThat(fleet.workers().stream().mapToInt(SimWorker::batchedRuns).sum()).as("runs that came in batches")
            .isEqualTo(fleet.workers().stream().mapToInt(SimWorker::runs).sum()).isPositive();
    }

    /**
     * Over the first dispatches, while every requester still has work waiting, slots go 1 : 1 : 2
     * (many : few : gold) whatever the number of jobs each has queued.
     */
    private static void assertFairShares(SimFleet fleet, Map<String, String> accountOf) {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (JobEvent e : fleet.dispatches()) {
            if (seen.add(e.subtaskId())) {
                order.add(accountOf.get(e.jobId()));
            }
        }
        int window = accountOf.size() * TESTS * 2 / 5; // 40 %: 'few' and 'gold' still have work waiting
        Map<String, AtomicInteger> counts = new HashMap<>();
        order.subList(0, window).forEach(a -> counts.computeIfAbsent(a, k -> new AtomicInteger()).incrementAndGet());
        double many = counts.get("many").get() / (double) window;
        double few = counts.get("few").get() / (double) window;
        double gold = counts.get("gold").get() / (double) window;
        assertThat(many).as("share of 'many' (weight 1, half of all jobs)").isBetween(0.25 - TOLERANCE, 0.25 + TOLERANCE);
        assertThat(few).as("share of 'few' (weight 1)").isBetween(0.25 - TOLERANCE, 0.25 + TOLERANCE);
        assertThat(gold).as("share of 'gold' (weight 2)").isBetween(0.50 - TOLERANCE, 0.50 + TOLERANCE);
    }
}
