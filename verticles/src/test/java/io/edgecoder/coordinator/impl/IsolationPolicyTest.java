package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Isolation;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolationPolicyTest {
    private final IsolationPolicy policy = new IsolationPolicy(Isolation.STRONG, Isolation.BASIC, "acme");

    private static WorkerHeartbeat worker(String org, String isolation) {
        return new WorkerHeartbeat("w", org, List.of("python"), 1, 1, 0, isolation, 1000);
    }

    private static JobSubmitRequest job(String locality, String org) {
        return new JobSubmitRequest("t", "python", Map.of("t.py", ""), List.of("t.py"), locality, 5, "a", false, org);
    }

    @Test
    void meshJobsNeedStrongIsolationOnAnyOrganisationsWorker() {
        assertThat(policy.eligible(job("mesh", null)).test(worker("other", "strong"))).isTrue();
        assertThat(policy.eligible(job("mesh", null)).test(worker("acme", "basic"))).isFalse();
    }

    @Test
    void localOnlyJobsStayInTheOrganisationAndMayUseBasic() {
        assertThat(policy.eligible(job("local-only", null)).test(worker("acme", "basic"))).isTrue();
        assertThat(policy.eligible(job("local-only", null)).test(worker("acme", "process"))).isFalse();
        assertThat(policy.eligible(job("local-only", null)).test(worker("other", "strong"))).isFalse();
    }

    @Test
    void localOnlyJobsNeverRunOnTheEdgeRingEvenInTheirOwnOrganisation() {
        WorkerEntry edge = WorkerEntry.of(worker("acme", "strong"), true);
        WorkerEntry core = WorkerEntry.of(worker("acme", "strong"), false);

        assertThat(policy.allows(job("local-only", null), edge)).isFalse();
        assertThat(policy.allows(job("local-only", null), core)).isTrue();
        assertThat(policy.allows(job("mesh", null), edge)).isTrue();
    }

    @Test
    void jobsFromOtherOrganisationsNeedStrongIsolationEvenWhenLocalOnly() {
        assertThat(policy.external(job("local-only", "intruder"))).isTrue();
        assertThat(policy.eligible(job("local-only", "intruder")).test(worker("acme", "basic"))).isFalse();
        assertThat(policy.eligible(job("local-only", "intruder")).test(worker("acme", "strong"))).isTrue();
        assertThat(policy.external(job("local-only", "acme"))).isFalse();
    }

    @Test
    void unknownIsolationClaimsCountAsNone() {
        IsolationPolicy lax = new IsolationPolicy(Isolation.PROCESS, Isolation.PROCESS, "acme");
        assertThat(lax.eligible(job("mesh", null)).test(worker("acme", "bulletproof"))).isFalse();
    }

    @Test
    void workersWithoutTheLanguageAreNotEligible() {
        JobSubmitRequest js = new JobSubmitRequest("t", "javascript", Map.of("t.js", ""), List.of("t.js"), "mesh", 5, "a", false);
        assertThat(policy.eligible(js).test(worker("acme", "strong"))).isFalse();
    }

    @Test
    void notesJobsThatRanBelowStrongIsolationBecausePolicyAllowedIt() {
        IsolationPolicy lax = new IsolationPolicy(Isolation.PROCESS, Isolation.NONE, "acme");
        assertThat(lax.noteFor(job("mesh", null), "process")).contains("isolation 'process'").contains("allowed by policy");
        assertThat(lax.noteFor(job("mesh", null), "strong")).isNull();
        assertThat(lax.noteFor(job("local-only", null), "process")).isNull();
    }
}
