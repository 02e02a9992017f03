package io.edgecoder.app.sched;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.fleet.SimFleet;
import io.edgecoder.app.fleet.SimWorker;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.WorkerPower;
import io.edgecoder.core.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scheduling with small simulated fleets against the real coordinator, ledger and database: a
 * burst far longer than {@code coordinator.capacity.wait.ms} queues instead of failing; a job that
 * cannot start before its deadline ends {@code expired} with its escrow released; every subtask
 * says why it went where it went and why the other workers were passed over.
 */
class FleetSchedulingIT {
    private static final WorkerPower MAINS = null;
    private static final WorkerPower ON_BATTERY = new WorkerPower(true, false, false, false, false, 100);
    private static final WorkerPower QUIET = new WorkerPower(false, false, false, false, true, 100);

    @Test
    void aBurstLongerThanTheCapacityWaitQueuesInsteadOfFailing() throws Exception {
        // 60 one-test jobs on 2 slots of 100 ms runs take about 3 s: six times the 500 ms capacity wait
        SimFleet.Spec spec = new SimFleet.Spec(2, i -> new SimWorker.Behaviour(1, 100, 0, 0, MAINS), i -> SimFleet.HOME, 200,
            Map.of(ConfigKeys.CAPACITY_WAIT_MS, "500"));
        try (SimFleet fleet = SimFleet.start(spec)) {
            List<String> ids = fleet.submitMany("burst", 60, 1, 60);
            Await.until("the burst to finish", Duration.ofMinutes(3), () -> fleet.finished().size(), n -> n == ids.size());
            assertThat(fleet.finished().values()).as("no job failed for want of a free slot").containsOnly("succeeded");
        }
    }

    @Test
    void aJobThatCannotStartBeforeItsDeadlineExpiresAndItsEscrowIsReleased() throws Exception {
        SimFleet.Spec spec = new SimFleet.Spec(1, i -> new SimWorker.Behaviour(1, 20, 0, 0, QUIET), i -> SimFleet.HOME, 200,
            Map.of());
        try (SimFleet fleet = SimFleet.start(spec)) {
            String id = SimFleet.await(fleet.submit("late", 2, null, Instant.now().plusSeconds(3)));

            Await.until("the job to expire", Duration.ofSeconds(60), () -> fleet.finished().get(id), "expired"::equals);
            JobView job = view(fleet, id);
            assertThat(job.status()).isEqualTo("expired");
            assertThat(job.deadline()).isNotNull();
            assertThat(job.notes()).anySatisfy(n -> assertThat(n).startsWith("expired: no eligible worker could start it"));
            assertThat(job.subtasks()).extracting(SubtaskView::status).containsOnly("cancelled");
            Map<String, Long> balances = Await.until("the escrow to be released", Duration.ofSeconds(60), fleet::balances,
                b -> b.getOrDefault("hold:" + id, 0L) == 0L && b.getOrDefault("user:late", 0L) == 0L);
            assertThat(balances.getOrDefault("user:late", 0L)).as("the requester paid nothing").isZero();
            assertThat(fleet.workers().get(0).runs()).isZero();

            fleet.workers().get(0).power(MAINS);
            String inTime = SimFleet.await(fleet.submit("late", 1, null, Instant.now().plusSeconds(60)));
            Await.until("a job with time to spare to run", Duration.ofSeconds(60), () -> fleet.finished().get(inTime),
                "succeeded"::equals);
        }
    }

    @Test
    void everySubtaskExplainsWhereItWentAndWhyOtherWorkersWerePassedOver() throws Exception {
        SimFleet.Spec spec = new SimFleet.Spec(3, i -> new SimWorker.Behaviour(1, 20, 0, 0, i == 0 ? ON_BATTERY : MAINS),
            i -> i == 2 ? "elsewhere" : SimFleet.HOME, 200, Map.of());
        try (SimFleet fleet = SimFleet.start(spec)) {
            String battery = fleet.workers().get(0).nodeId();
            String home = fleet.workers().get(1).nodeId();
            String foreign = fleet.workers().get(2).nodeId();
            String id = SimFleet.await(fleet.submit("explained", 1, 7, null));
            Await.until("the job to finish", Duration.ofSeconds(60), () -> fleet.finished().get(id), "succeeded"::equals);

            JobView job = view(fleet, id);
            SubtaskView st = job.subtasks().get(0);
            assertThat(job.priority()).isEqualTo(7);
            assertThat(st.worker()).isEqualTo(home);
            assertThat(st.placement()).startsWith("worker " + home + " (org home").contains("mains power");
            assertThat(st.passedOver()).contains("on battery (its owner allows no work on battery): 1 (" + battery + ")",
                "another organisation (local-only job of home): 1 (" + foreign + ")");
        }
    }

    private static JobView view(SimFleet fleet, String id) throws Exception {
        return SimFleet.await(fleet.bus().request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class));
    }
}
