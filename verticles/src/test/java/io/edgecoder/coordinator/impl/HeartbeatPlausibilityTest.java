package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatPlausibilityTest {
    private static final NodeIdentity KEY = NodeIdentity.ephemeral();

    private static WorkerHeartbeat hb(String id, int slots, int free, long interval) {
        return new WorkerHeartbeat(id, "local", List.of("python"), slots, free, 0, "strong", interval, KEY.publicKeyBase64(), 2);
    }

    @Test
    void acceptsAnOrdinaryHeartbeatAndTheLeavingOne() {
        assertThat(CoordinatorService.plausible(hb(KEY.nodeId(), 2, 1, 1000))).isTrue();
        assertThat(CoordinatorService.plausible(hb(KEY.nodeId(), 0, 0, 1000))).isTrue();
    }

    @Test
    void ignoresANodeIdTheAnnouncedKeyDoesNotProve() {
        NodeIdentity other = NodeIdentity.ephemeral();
        assertThat(CoordinatorService.plausible(hb(other.nodeId(), 2, 1, 1000))).as("someone else's id").isFalse();
        assertThat(CoordinatorService.plausible(new WorkerHeartbeat(KEY.nodeId(), "local", List.of("python"), 2, 1, 0, "strong",
            1000))).as("no key").isFalse();
        assertThat(CoordinatorService.plausible(new WorkerHeartbeat(KEY.nodeId(), "local", List.of("python"), 2, 1, 0, "strong",
            1000, "bm90IGEga2V5", 2))).as("not a key").isFalse();
        assertThat(CoordinatorService.plausible(new WorkerHeartbeat(KEY.nodeId(), "local", List.of("python"), 2, 1, 0, "strong",
            1000, KEY.publicKeyBase64(), 5000))).as("cores out of bounds").isFalse();
    }

    @Test
    void ignoresIdsThatCannotBeABusAddressSegment() {
        assertThat(CoordinatorService.plausible(hb(null, 2, 1, 1000))).isFalse();
        assertThat(CoordinatorService.plausible(hb("", 2, 1, 1000))).isFalse();
        assertThat(CoordinatorService.plausible(hb("a.b", 2, 1, 1000))).isFalse();
        assertThat(CoordinatorService.plausible(hb("x".repeat(65), 2, 1, 1000))).isFalse();
    }

    @Test
    void ignoresIntervalsAndSlotCountsThatWouldNeverExpireOrOverflow() {
        assertThat(CoordinatorService.plausible(hb("n1", 2, 1, Long.MAX_VALUE))).isFalse();
        assertThat(CoordinatorService.plausible(hb("n1", 2, 1, 0))).isFalse();
        assertThat(CoordinatorService.plausible(hb("n1", 5000, 1, 1000))).isFalse();
        assertThat(CoordinatorService.plausible(hb("n1", 2, 3, 1000))).isFalse();
        assertThat(CoordinatorService.plausible(hb("n1", 2, -1, 1000))).isFalse();
    }
}
