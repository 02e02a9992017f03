package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Isolation;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolationPolicyTest {
    private static WorkerHeartbeat worker(String isolation) {
        return new WorkerHeartbeat("w", "local", List.of("python"), 1, 1, 0, isolation, 1000);
    }

    @Test
    void meshJobsNeedTheConfiguredMinimumIsolation() {
        IsolationPolicy policy = new IsolationPolicy(Isolation.STRONG, Isolation.BASIC);
        assertThat(policy.eligible("python", "mesh").test(worker("strong"))).isTrue();
        assertThat(policy.eligible("python", "mesh").test(worker("basic"))).isFalse();
        assertThat(policy.eligible("python", "local-only").test(worker("basic"))).isTrue();
        assertThat(policy.eligible("python", "local-only").test(worker("process"))).isFalse();
    }

    @Test
    void unknownIsolationClaimsCountAsNone() {
        IsolationPolicy policy = new IsolationPolicy(Isolation.PROCESS, Isolation.PROCESS);
        assertThat(policy.eligible("python", "mesh").test(worker("bulletproof"))).isFalse();
    }

    @Test
    void workersWithoutTheLanguageAreNotEligible() {
        IsolationPolicy policy = new IsolationPolicy(Isolation.NONE, Isolation.NONE);
        assertThat(policy.eligible("javascript", "local-only").test(worker("strong"))).isFalse();
    }

    @Test
    void notesMeshJobsThatRanBelowStrongIsolation() {
        IsolationPolicy policy = new IsolationPolicy(Isolation.PROCESS, Isolation.NONE);
        assertThat(policy.noteFor("mesh", "process")).contains("isolation 'process'").contains("allowed by policy");
        assertThat(policy.noteFor("mesh", "strong")).isNull();
        assertThat(policy.noteFor("local-only", "process")).isNull();
    }
}
