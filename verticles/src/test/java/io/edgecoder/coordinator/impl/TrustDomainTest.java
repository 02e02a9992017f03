package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustDomainTest {
    private final TrustDomain trust = new TrustDomain("home");

    private static WorkerEntry worker(String org, boolean edge) {
        return WorkerEntry.of(new WorkerHeartbeat("n1", org, List.of("python"), 1, 1, 0, "strong", 1000), edge);
    }

    private static JobSubmitRequest job(String requesterOrg) {
        return new JobSubmitRequest("t", "python", Map.of("test_a.py", ""), List.of("test_a.py"), "mesh", 5, "a", false,
            requesterOrg);
    }

    @Test
    void aWorkerOfTheRequestersOrganisationIsInsideUnlessItIsOnTheEdge() {
        assertThat(trust.contains("acme", worker("acme", false))).isTrue();
        assertThat(trust.contains("acme", worker("acme", true))).isFalse();
        assertThat(trust.contains("acme", worker("home", false))).isFalse();
        assertThat(trust.contains("acme", worker(null, false))).isFalse();
    }

    @Test
    void aJobWithoutAnOrganisationComesFromTheCoordinatorsOwn() {
        assertThat(trust.requesterOrg(job(null))).isEqualTo("home");
        assertThat(trust.requesterOrg(job(" "))).isEqualTo("home");
        assertThat(trust.requesterOrg(job("acme"))).isEqualTo("acme");
    }
}
