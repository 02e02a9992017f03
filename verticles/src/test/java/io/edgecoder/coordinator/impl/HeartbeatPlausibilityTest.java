package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatPlausibilityTest {
    private static WorkerHeartbeat hb(String id, int slots, int free, long interval) {
        return new WorkerHeartbeat(id, "local", List.of("python"), slots, free, 0, "strong", interval);
    }

    @Test
    void acceptsAnOrdinaryHeartbeatAndTheLeavingOne() {
        assertThat(CoordinatorService.plausible(hb("n0123456789abcdef", 2, 1, 1000))).isTrue();
        assertThat(CoordinatorService.plausible(hb("n0123456789abcdef", 0, 0, 1000))).isTrue();
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
