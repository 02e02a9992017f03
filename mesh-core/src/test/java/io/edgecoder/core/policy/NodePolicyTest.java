package io.edgecoder.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.PolicySnapshot;
import io.edgecoder.core.message.RolloutView;
import io.edgecoder.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodePolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final NodePolicy policy = new NodePolicy("n00000000000000aa", clock);

    @Test
    void beforeAnySnapshotThePolicyIsOpen() {
        assertThat(policy.version()).isZero();
        assertThat(policy.mode("acme")).isEqualTo(NetworkMode.PUBLIC);
        assertThat(policy.barred("n1", "k", "alice", "acme")).isEmpty();
    }

    @Test
    void anOrganisationGetsTheStricterOfItsModeAndTheDeployments() {
        policy.apply(snapshot(1, "swarm", Map.of("acme", "local-only", "open", "public"), List.of(), List.of()));

        assertThat(policy.mode("acme")).isEqualTo(NetworkMode.LOCAL_ONLY);
        assertThat(policy.mode("open")).isEqualTo(NetworkMode.SWARM);
        assertThat(policy.mode("other")).isEqualTo(NetworkMode.SWARM);
    }

    @Test
    void anOlderSnapshotIsIgnored() {
        policy.apply(snapshot(5, "local-only", Map.of(), List.of(), List.of()));

        assertThat(policy.apply(snapshot(4, "public", Map.of(), List.of(), List.of()))).isFalse();
        assertThat(policy.mode(null)).isEqualTo(NetworkMode.LOCAL_ONLY);
    }

    @Test
    void blacklistEntriesBarTheirKindOfSubjectUntilTheyExpire() {
        BlacklistView node = entry(1, "node", "n1", null);
        BlacklistView org = entry(2, "org", "evil", T0.plusSeconds(60));
        policy.apply(snapshot(1, "public", Map.of(), List.of(node, org), List.of()));

        assertThat(policy.barred("n1", null, null, null)).contains(node);
        assertThat(policy.barred("n2", null, null, "evil")).contains(org);
        assertThat(policy.barred("n2", "n1", "n1", "acme")).isEmpty();
        clock.advance(java.time.Duration.ofSeconds(61));
        assertThat(policy.barred("n2", null, null, "evil")).isEmpty();
        assertThat(NodePolicy.describe(node)).contains("rule blacklist.node", "entry 1", "ops", "bad");
    }

    @Test
    void aNodeAppliesTheSettingsOfTheRolloutsThatSelectIt() {
        String in = pick(true);
        String out = pick(false);
        RolloutView r = new RolloutView(1, "r", "config", Map.of("k", "v"), null, List.of(50), 0, 50, "running", null, null, 60, 5,
            "ops", T0, T0, null, 1, 0, 0, List.of());
        NodePolicy selected = new NodePolicy(in, clock);
        NodePolicy notSelected = new NodePolicy(out, clock);
        selected.apply(snapshot(1, "public", Map.of(), List.of(), List.of(r)));
        notSelected.apply(snapshot(1, "public", Map.of(), List.of(), List.of(r)));

        assertThat(selected.applied().rollouts()).containsExactly("r");
        assertThat(selected.applied().settings()).containsEntry("k", "v");
        assertThat(notSelected.applied().rollouts()).isEmpty();
    }

    @Test
    void aReaderOnAnotherThreadNeverSeesAVersionAheadOfWhatWasAppliedFromIt() throws Exception {
        // each snapshot's rollout (at 100 %, so it selects this node) carries its own version as a setting
        int last = 20_000;
        java.util.concurrent.atomic.AtomicReference<String> mismatch = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            long seen = 0;
            while (seen < last && mismatch.get() == null) {
                seen = policy.version();
                String applied = policy.applied().settings().get("v");
                if (seen > 0 && (applied == null || Long.parseLong(applied) < seen)) {
                    mismatch.set("version " + seen + " read before the applied settings of " + applied);
                }
            }
        });
        reader.start();
        for (int v = 1; v <= last; v++) {
            RolloutView r = new RolloutView(1, "r", "config", Map.of("v", Integer.toString(v)), null, List.of(100), 0, 100, "running",
                null, null, 60, 5, "ops", T0, T0, null, v, 0, 0, List.of());
            policy.apply(snapshot(v, "public", Map.of(), List.of(), List.of(r)));
        }
        reader.join(30_000);

        assertThat(mismatch.get()).isNull();
        assertThat(policy.state().snapshot().version()).isEqualTo(last);
        assertThat(policy.state().applied().settings()).containsEntry("v", Integer.toString(last));
    }

    @Test
    void unknownModesAreRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> NetworkMode.parse("closed")).hasMessageContaining("local-only, swarm, public");
        assertThat(NetworkMode.parse(" Swarm ")).isEqualTo(NetworkMode.SWARM);
    }

    private static String pick(boolean selected) {
        for (int i = 0; ; i++) {
            String id = String.format("n%016x", i);
            if (RolloutSelection.selected("r", id, 50) == selected) {
                return id;
            }
        }
    }

    private static BlacklistView entry(long id, String kind, String value, Instant expires) {
        return new BlacklistView(id, kind, value, "bad", null, "ops", T0, expires, null, null, id);
    }

    private static PolicySnapshot snapshot(long v, String mode, Map<String, String> orgs, List<BlacklistView> bl, List<RolloutView> r) {
        return new PolicySnapshot(v, T0, mode, orgs, bl, r);
    }
}
