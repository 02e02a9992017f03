package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CapacityTableTest {
    private static final Predicate<WorkerHeartbeat> PYTHON = hb -> hb.languages().contains("python");
    private Vertx vertx;
    private CapacityTable table;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        table = new CapacityTable(vertx, 3);
    }

    @AfterEach
    void tearDown() {
        vertx.close();
    }

    private static WorkerHeartbeat hb(String id, int slots, int free) {
        return new WorkerHeartbeat(id, "local", List.of("python"), slots, free, 0, "process", 1000);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void spreadsLeasesAcrossWorkersByFreeSlots() throws Exception {
        table.onHeartbeat(hb("a", 2, 2), 0);
        table.onHeartbeat(hb("b", 2, 2), 0);
        CapacityTable.Lease first = await(table.acquire(PYTHON, Set.of(), 100));
        CapacityTable.Lease second = await(table.acquire(PYTHON, Set.of(), 100));
        assertThat(Set.of(first.nodeId(), second.nodeId())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void waitsForCapacityAndIsServedWhenASlotIsReleased() throws Exception {
        table.onHeartbeat(hb("a", 1, 1), 0);
        CapacityTable.Lease held = await(table.acquire(PYTHON, Set.of(), 100));
        Future<CapacityTable.Lease> waiting = table.acquire(PYTHON, Set.of(), 5_000);
        assertThat(waiting.isComplete()).isFalse();
        held.release();
        assertThat(await(waiting).nodeId()).isEqualTo("a");
    }

    @Test
    void failsWithUnavailableWhenNoEligibleWorkerAppearsInTime() {
        table.onHeartbeat(new WorkerHeartbeat("js", "local", List.of("javascript"), 1, 1, 0, "process", 1000), 0);
        Future<CapacityTable.Lease> lease = table.acquire(PYTHON, Set.of(), 50);
        assertThat(lease.toCompletionStage().toCompletableFuture()).failsWithin(5, TimeUnit.SECONDS)
            .withThrowableThat().havingRootCause().isInstanceOf(MeshException.class).withMessageContaining("no eligible worker");
    }

    @Test
    void forgetsASilentWorkerAndMarksItsLeasesLost() throws Exception {
        table.onHeartbeat(hb("a", 1, 1), 0);
        CapacityTable.Lease lease = await(table.acquire(PYTHON, Set.of(), 100));
        assertThat(table.expire(3_000)).isEmpty();
        assertThat(table.expire(3_600)).containsExactly("a");
        assertThat(lease.lost().failed()).isTrue();
        assertThat(table.size()).isZero();
    }

    @Test
    void prefersWorkersNotYetTriedButFallsBackToThem() throws Exception {
        table.onHeartbeat(hb("a", 4, 4), 0);
        table.onHeartbeat(hb("b", 1, 1), 0);
        assertThat(await(table.acquire(PYTHON, Set.of("a"), 100)).nodeId()).isEqualTo("b");
        assertThat(await(table.acquire(PYTHON, Set.of("a", "b"), 100)).nodeId()).isEqualTo("a");
    }

    @Test
    void countsTheWorkersOwnReportOfBusySlots() throws Exception {
        table.onHeartbeat(hb("a", 2, 0), 0);
        Future<CapacityTable.Lease> waiting = table.acquire(PYTHON, Set.of(), 5_000);
        assertThat(waiting.isComplete()).isFalse();
        table.onHeartbeat(hb("a", 2, 1), 10);
        assertThat(await(waiting).nodeId()).isEqualTo("a");
    }

    private static WorkerHeartbeat hbOf(String id, String org) {
        return new WorkerHeartbeat(id, org, List.of("python"), 1, 1, 0, "process", 1000);
    }

    @Test
    void aReplicaNeverGoesToAnExcludedWorkerAndPrefersAnotherOrganisation() throws Exception {
        table.onHeartbeat(hbOf("a", "m1"), 0);
        table.onHeartbeat(hbOf("b", "m1"), 0);
        table.onHeartbeat(hbOf("c", "m2"), 0);
        Placement replica = new Placement(e -> true, Set.of("a"), Set.of(), Set.of("m1"));

        assertThat(await(table.acquire(replica, 100)).nodeId()).isEqualTo("c");
        assertThat(await(table.acquire(replica, 100)).nodeId()).as("the same organisation only when nothing else fits").isEqualTo("b");
        assertThat(table.acquire(replica, 50).toCompletionStage().toCompletableFuture())
            .as("never the excluded worker").failsWithin(5, TimeUnit.SECONDS);
    }

    @Test
    void anUrgentWaiterIsServedBeforeOrdinaryOnesThatCameFirst() throws Exception {
        table.onHeartbeat(hbOf("t", "home"), 0);
        CapacityTable.Lease held = await(table.acquire(PYTHON, Set.of(), 100));
        Future<CapacityTable.Lease> ordinary = table.acquire(PYTHON, Set.of(), 5_000);
        Future<CapacityTable.Lease> tieBreak = table.acquire(new Placement(e -> "home".equals(e.org()), Set.of(), Set.of(), Set.of(),
            true), 5_000);

        held.release();

        assertThat(await(tieBreak).nodeId()).isEqualTo("t");
        assertThat(ordinary.isComplete()).isFalse();
    }
}
