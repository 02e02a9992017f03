package io.edgecoder.app.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.fleet.FleetJobs;
import io.edgecoder.app.fleet.Lie;
import io.edgecoder.app.fleet.SimFleet;
import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.core.testing.Await;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What a fleet with liars must show once every job finished, read from the coordinator's database,
 * the ledger and the simulated workers' own counts (which the coordinator never sees): every
 * subtask's stored result is its true one and never a liar's; each honest run is one agreeing
 * claim; every liar that lied is quarantined and no honest worker is; honest workers are paid
 * exactly for their runs of verified jobs and liars nothing.
 */
final class LiarChecks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiarChecks.class);

    private final SimFleet fleet;
    private final Map<String, List<Boolean>> truth;
    private final Set<String> liars;

    LiarChecks(SimFleet fleet, Map<String, List<Boolean>> truth) {
        this.fleet = fleet;
        this.truth = truth;
        this.liars = fleet.workers().stream().filter(w -> w.behaviour().liar()).map(SimWorker::nodeId).collect(Collectors.toSet());
    }

    private boolean truthOf(String jobId, String test) {
        List<Boolean> failing = truth.get(jobId);
        return failing.get(FleetJobs.tests(failing.size()).indexOf(test));
    }

    private boolean jobFails(String jobId) {
        return truth.get(jobId).contains(true);
    }

    /** How the subtasks were confirmed and what the liars did, for the log and docs/benchmarks.md. */
    void log() throws Exception {
        Map<Object, Object> how = new TreeMap<>();
        fleet.rows("SELECT split_part(verification, ':', 1), count(*) FROM subtasks GROUP BY 1")
            .forEach(r -> how.put(r.get(0), r.get(1)));
        long runs = fleet.workers().stream().mapToLong(SimWorker::runs).sum();
        long lied = fleet.workers().stream().filter(w -> w.lies() > 0).count();
        LOG.info("verification: {} runs answered for {} subtasks; confirmed by {}; {} liars of {} told {} lies", runs,
            truth.size() * truth.values().iterator().next().size(), how, lied, liars.size(),
            fleet.workers().stream().mapToInt(SimWorker::lies).sum());
    }

    void assertEveryJobEndsWithItsTrueVerdict() {
        assertThat(fleet.finished()).hasSameSizeAs(truth);
        fleet.finished().forEach((job, status) -> assertThat(status).as("status of job %s", job)
            .isEqualTo(jobFails(job) ? "failed" : "succeeded"));
    }

    /**
     * Every subtask has one stored result, its true outcome with the true report, from a worker
     * that is no liar; every claim that agreed with a verdict is an honest run and every honest run
     * agreed (so no run was lost, none counted twice, and nothing was run that verification did not ask for).
     */
    void assertNoLieIsAcceptedAndEverySubtaskIsDoneAsVerificationAsked(int subtasks) throws Exception {
        List<List<Object>> rows = fleet.rows("SELECT job_id, test, status, worker, report->>'run', report->>'failed', id"
            + " FROM subtasks");
        assertThat(rows).hasSize(subtasks);
        for (List<Object> r : rows) {
            boolean fails = truthOf((String) r.get(0), (String) r.get(1));
            assertThat(r.get(2)).as("status of subtask %s", r.get(6)).isEqualTo(fails ? "failed" : "passed");
            assertThat(List.of(r.get(4), r.get(5))).as("report of subtask %s", r.get(6)).containsExactly("2", fails ? "1" : "0");
            assertThat(liars).as("the result of subtask %s is a liar's", r.get(6)).doesNotContain((String) r.get(3));
        }
        Map<String, Integer> agreed = new HashMap<>();
        fleet.rows("SELECT subtask_id, count(*) FROM subtask_claims WHERE verdict = 'agreed' GROUP BY subtask_id")
            .forEach(r -> agreed.put((String) r.get(0), ((Number) r.get(1)).intValue()));
        Map<String, Integer> done = new HashMap<>();
        fleet.done().forEach((subtask, n) -> done.put(subtask, n.get()));
        assertThat(done).as("honest runs per subtask = its agreeing claims").hasSize(subtasks).isEqualTo(agreed);
        assertThat(fleet.rows("SELECT worker FROM subtask_claims WHERE verdict = 'agreed'").stream().map(r -> (String) r.get(0)))
            .as("a liar's claim agreed with a verdict").doesNotContainAnyElementsOf(liars);
    }

    /**
     * Every liar that told a lie is quarantined (shared by every coordinator on the database: no more
     * work) with no agreeing result to its name; those that lied about a result disagreed with a
     * verdict, those that lied about CPU were refused for it. No honest worker is quarantined.
     */
    void assertEveryLiarIsCaughtAndNoHonestWorker() throws Exception {
        Map<String, List<Object>> quarantined = new HashMap<>();
        fleet.rows("SELECT node_id, agreed, disagreed, reason FROM node_reputation WHERE quarantined_at IS NOT NULL")
            .forEach(r -> quarantined.put((String) r.get(0), r));
        Map<Lie, AtomicInteger> caught = new HashMap<>();
        for (SimWorker w : fleet.workers()) {
            if (w.lies() == 0) {
                continue;
            }
            List<Object> row = quarantined.get(w.nodeId());
            assertThat(row).as("liar %s (%s, %d lies) quarantined", w.nodeId(), w.behaviour().lie(), w.lies()).isNotNull();
            assertThat(((Number) row.get(1)).longValue()).as("agreeing results of liar %s", w.nodeId()).isZero();
            if (w.behaviour().lie() == Lie.INFLATED_CPU) {
                assertThat((String) row.get(3)).as("why liar %s was quarantined", w.nodeId()).contains("impossible measure");
            } else {
                assertThat(((Number) row.get(2)).longValue()).as("disagreements of liar %s", w.nodeId()).isPositive();
            }
            caught.computeIfAbsent(w.behaviour().lie(), k -> new AtomicInteger()).incrementAndGet();
        }
        assertThat(liars).as("quarantined workers that are no liars").containsAll(quarantined.keySet());
        assertThat(caught.keySet()).as("kinds of liars that lied and were caught")
            .containsExactlyInAnyOrder(Lie.WRONG_OUTPUT, Lie.PASS_WITHOUT_RUNNING, Lie.INFLATED_CPU);
    }

    /**
     * The price is fixed and the fee 0, so each honest run of a verified job earns exactly the CPU it
     * claimed (7 ms at 1 credit/s = 7 milli); runs of failed jobs earn nothing (an unverified job pays
     * no one); a liar earns nothing.
     */
    void assertPaidExactlyForTruthNeverForLies() throws Exception {
        Await.until("every job settled", Duration.ofMinutes(2), () -> fleet.count("SELECT count(*) FROM jobs WHERE NOT settled"),
            n -> n == 0);
        Map<String, Long> balances = fleet.balances();
        long perRun = SimWorker.CPU_MS * SimFleet.PRICE / 1000;
        long expectedTotal = 0;
        for (SimWorker w : fleet.workers()) {
            long paidRuns = w.completedJobs().stream().filter(job -> !jobFails(job)).count();
            expectedTotal += perRun * paidRuns;
            assertThat(balances.getOrDefault("node:" + w.nodeId(), 0L)).as("earnings of %s (%s)", w.nodeId(),
                w.behaviour().liar() ? "liar, " + w.behaviour().lie() : "honest").isEqualTo(perRun * paidRuns);
        }
        long earned = balances.entrySet().stream().filter(e -> e.getKey().startsWith("node:")).mapToLong(Map.Entry::getValue).sum();
        assertThat(earned).isEqualTo(expectedTotal).isPositive();
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).as("double entry").isZero();
    }
}
