package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.fleet.Fleet;
import io.edgecoder.app.fleet.FleetJobs;
import io.edgecoder.app.fleet.Lie;
import io.edgecoder.app.fleet.LyingWorkerVerticle;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.message.WorkerStanding;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet test of issue 7: a mesh of ten honest workers of ten organisations, one trusted worker
 * of the requester's organisation, and five liars (a third of the mesh workers), one of each
 * {@link Lie}. Mesh jobs with passing and with failing test files run on it at once. No job is
 * verified on a lie, no liar is paid, every job ends with its true verdict, and the liars that
 * were caught are quarantined (an honest worker only for a result that was wrong).
 */
class VerifiedWorkIT {
    private static final int JOBS = 12;
    private static Fleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = Fleet.start(new Fleet.Spec(1, 10, List.of(Lie.values()), 6));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void withAThirdOfTheMeshLyingNoJobIsVerifiedOnALieAndNoLiarIsPaid() throws Exception {
        Map<String, List<Boolean>> truth = new LinkedHashMap<>();
        List<Future<String>> submitted = new ArrayList<>();
        List<List<Boolean>> plans = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            List<Boolean> failing = List.of(false, i % 2 == 1, false);
            plans.add(failing);
            submitted.add(fleet.submitAsync("fleet " + i, FleetJobs.files(failing), FleetJobs.tests(failing.size())));
        }
        for (int i = 0; i < JOBS; i++) {
            truth.put(Fleet.await(submitted.get(i)), plans.get(i));
        }

        List<JobView> jobs = new ArrayList<>();
        for (String id : truth.keySet()) {
            jobs.add(fleet.awaitFinished(id, Duration.ofSeconds(240)));
        }

        jobs.forEach(job -> assertTrueVerdict(job, truth.get(job.id())));
        Set<String> liarIds = fleet.liars().stream().map(LyingWorkerVerticle::nodeId).collect(Collectors.toSet());
        assertNoLiarIsShownOrPaid(jobs, liarIds);
        assertLiarsAreQuarantinedAndHonestWorkersOnlyForWrongResults(liarIds, jobs);
        assertTheWorkerListShowsEachStanding();
        assertThat(Fleet.await(fleet.bus().request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class)).ok())
            .isTrue();
    }

    /**
     * The coordinator's worker list (what the portal's nodes page shows) gives each worker its
     * standing: the quarantined ones as quarantined, and honest mesh workers with agreeing results.
     */
    private static void assertTheWorkerListShowsEachStanding() throws Exception {
        Set<String> quarantined = fleet.events().stream().filter(e -> "quarantined".equals(e.status()))
            .map(JobEvent::worker).collect(Collectors.toSet());
        WorkerListReply list = Fleet.await(fleet.bus().request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(),
            WorkerListReply.class));
        assertThat(list.standings()).extracting(WorkerStanding::nodeId)
            .containsExactlyElementsOf(list.workers().stream().map(WorkerHeartbeat::nodeId).toList());
        list.standings().forEach(s -> assertThat(s.quarantined()).as("standing of %s", s.nodeId())
            .isEqualTo(quarantined.contains(s.nodeId())));
        assertThat(list.standings()).filteredOn(s -> fleet.honest().contains(s.nodeId()))
            .as("honest mesh workers gained agreeing results").anyMatch(s -> s.agreed() > 0);
    }

    /** Every subtask ends with the outcome its test file really has; the job is verified iff all pass. */
    private static void assertTrueVerdict(JobView job, List<Boolean> failing) {
        boolean shouldPass = failing.stream().noneMatch(f -> f);
        assertThat(job.verified()).as("job %s verified", job.id()).isEqualTo(shouldPass);
        assertThat(job.status()).isEqualTo(shouldPass ? "succeeded" : "failed");
        for (int i = 0; i < failing.size(); i++) {
            SubtaskView st = subtask(job, FleetJobs.testName(i));
            assertThat(st.status()).as("%s of job %s (%s; refused: %s; stderr: %s)", st.test(), job.id(), st.verification(),
                st.refused(), st.stderr()).isEqualTo(failing.get(i) ? "failed" : "passed");
            assertThat(st.verification()).isNotBlank();
        }
    }

    private static SubtaskView subtask(JobView job, String test) {
        return job.subtasks().stream().filter(s -> s.test().equals(test)).findFirst().orElseThrow();
    }

    private static void assertNoLiarIsShownOrPaid(List<JobView> jobs, Set<String> liarIds) throws Exception {
        for (JobView job : jobs) {
            job.subtasks().forEach(st -> assertThat(liarIds).as("result shown for %s", st.id()).doesNotContain(st.worker()));
        }
        Map<String, Long> balances = fleet.awaitSettled(jobs.stream().map(JobView::id).toList());
        for (String liar : liarIds) {
            assertThat(balances.getOrDefault("node:" + liar, 0L)).as("balance of liar %s", liar).isZero();
        }
        long honestEarned = fleet.honest().stream().mapToLong(id -> balances.getOrDefault("node:" + id, 0L)).sum()
            + fleet.trusted().stream().mapToLong(id -> balances.getOrDefault("node:" + id, 0L)).sum();
        assertThat(honestEarned).as("honest workers are paid").isPositive();
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    /**
     * Every liar that signed a lie is quarantined (a replaying liar signs nothing of its own: it is
     * refused and suspended instead). An honest worker is quarantined only for a result that was
     * not the truth (a run whose output was lost under load reports "no test ran"): its job note
     * names a claimed outcome other than the verdict.
     */
    private static void assertLiarsAreQuarantinedAndHonestWorkersOnlyForWrongResults(Set<String> liarIds, List<JobView> jobs) {
        Set<String> quarantined = fleet.events().stream().filter(e -> "quarantined".equals(e.status()))
            .map(JobEvent::worker).collect(Collectors.toSet());
        Set<String> caught = new HashSet<>();
        for (LyingWorkerVerticle liar : fleet.liars()) {
            if (liar.lie() != Lie.REPLAY && liar.runs() > 0) {
                caught.add(liar.nodeId());
            }
        }
        assertThat(quarantined).as("every liar that signed a lie is quarantined").containsAll(caught);
        assertThat(caught).as("the fleet exercised its liars").isNotEmpty();
        List<String> notes = jobs.stream().flatMap(j -> j.notes().stream()).toList();
        quarantined.stream().filter(w -> !liarIds.contains(w)).forEach(honest -> {
            String note = notes.stream().filter(n -> n.startsWith("worker " + honest + " was quarantined: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no note says why honest worker " + honest + " was quarantined"));
            int where = note.indexOf(" where the verdict is ");
            String claimed = note.substring(note.lastIndexOf(" was ", where) + 5, where);
            String verdict = between(note, " where the verdict is ", ", by ");
            assertThat(claimed).as("honest worker %s quarantined: %s", honest, note).isNotEqualTo(verdict);
            System.out.println("note: an honest worker returned a wrong result and was quarantined: " + note);
        });
    }
}
