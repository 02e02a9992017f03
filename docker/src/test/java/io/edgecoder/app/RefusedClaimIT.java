package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.fleet.Fleet;
import io.edgecoder.app.fleet.FleetJobs;
import io.edgecoder.app.fleet.Lie;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mesh whose only worker signs a negative CPU time: its result is refused with the reason in
 * the subtask record, the worker is quarantined, nothing stays stuck (the subtask gives up, the
 * job fails unverified) and the escrow goes back to the requester; the liar earns nothing.
 */
class RefusedClaimIT {
    private static Fleet fleet;

    @BeforeAll
    static void startFleet() throws Exception {
        fleet = Fleet.start(new Fleet.Spec(0, 0, List.of(Lie.NEGATIVE_CPU), 3, 1_000));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aNegativeCpuClaimIsRefusedQuarantinedUnpaidAndTheEscrowReleased() throws Exception {
        String liar = fleet.liars().get(0).nodeId();
        Map<String, Long> before = fleet.balances();

        String id = fleet.submit("negative cpu", FleetJobs.files(List.of(false)), FleetJobs.tests(1));
        JobView job = fleet.awaitFinished(id, Duration.ofSeconds(60));

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.verified()).isFalse();
        SubtaskView st = job.subtasks().get(0);
        assertThat(st.status()).isEqualTo("error");
        assertThat(st.refused()).singleElement().asString()
            .contains(liar + " signed an impossible measure: negative time (cpu -1 ms, wall 5 ms)");
        assertThat(st.stderr()).contains("no eligible worker");
        assertThat(job.notes()).anyMatch(n -> n.startsWith("worker " + liar + " was quarantined: "));
        assertThat(fleet.events()).anyMatch(e -> "quarantined".equals(e.status()) && liar.equals(e.worker()));

        Map<String, Long> after = fleet.awaitSettled(List.of(id));
        assertThat(after.getOrDefault("node:" + liar, 0L)).isZero();
        assertThat(after.getOrDefault("user:admin", 0L)).as("the escrow is back with the requester")
            .isEqualTo(before.getOrDefault("user:admin", 0L));
        Await.until("the coordinator recording the settlement", Duration.ofSeconds(30), fleet::events,
            events -> events.stream().anyMatch(e -> id.equals(e.jobId()) && "settled".equals(e.status())));
    }
}
