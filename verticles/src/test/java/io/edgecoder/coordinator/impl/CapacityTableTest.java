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

    private static WorkerHeartbeat powered(String id, io.edgecoder.core.message.WorkerPower power) {
        return new WorkerHeartbeat(id, "local", List.of("python"), 1, 1, 0, "process", 1000, null, 1, power);
    }

    private static Placement forAccount(String account, int priority) {
        return Placement.of(PYTHON, Set.of()).forTicket(new Placement.Ticket(account, priority, null));
    }

    @Test
    void aRequesterWithManyWaitingSubtasksDoesNotStarveOneWithASingleSubtask() throws Exception {
        table.onHeartbeat(hb("a", 1, 1), 0);
        CapacityTable.Lease held = await(table.acquire(forAccount("busy", 5), 100));
        List<Future<CapacityTable.Lease>> many = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(table.acquire(forAccount("busy", 5), 60_000));
        }
        Future<CapacityTable.Lease> single = table.acquire(forAccount("small", 5), 60_000);

        held.release();
        await(many.get(0)).release();

        assertThat(single.isComplete()).as("the single subtask is served at the second free slot, not after 100 others").isTrue();
        assertThat(many.stream().filter(Future::isComplete).count()).isEqualTo(1);
    }

    @Test
    void slotsGoToWaitingAccountsInProportionToTheirWeights() throws Exception {
        table = new CapacityTable(vertx, 3, id -> false, w -> java.util.Optional.empty(), account -> "gold".equals(account) ? 3 : 1);
        table.onHeartbeat(hb("a", 1, 1), 0);
        CapacityTable.Lease current = await(table.acquire(forAccount("x", 5), 100));
        java.util.Map<String, Integer> served = new java.util.HashMap<>();
        List<CapacityTable.Lease> granted = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            for (String account : List.of("plain", "gold")) {
                table.acquire(forAccount(account, 5), 60_000).onSuccess(lease -> {
                    served.merge(account, 1, Integer::sum);
                    granted.add(lease);
                });
            }
        }
        for (int i = 0; i < 100; i++) {
            current.release(); // the one slot goes to the next waiter at once
            current = granted.get(granted.size() - 1);
        }
        assertThat(granted).hasSize(100);
        assertThat(served.get("gold")).as("weight 3 against 1: three quarters of the slots").isBetween(73, 77);
    }

    @Test
    void higherPriorityWorkOfOneRequesterGoesFirst() throws Exception {
        table.onHeartbeat(hb("a", 1, 1), 0);
        CapacityTable.Lease held = await(table.acquire(forAccount("r", 5), 100));
        Future<CapacityTable.Lease> low = table.acquire(forAccount("r", 1), 60_000);
        Future<CapacityTable.Lease> high = table.acquire(forAccount("r", 9), 60_000);
        held.release();
        assertThat(high.isComplete()).isTrue();
        assertThat(low.isComplete()).isFalse();
    }

    @Test
    void aWorkerOnBatteryGetsNoWorkUnlessItsOwnerAllowsIt() throws Exception {
        table.onHeartbeat(powered("laptop", new io.edgecoder.core.message.WorkerPower(true, false, false, false, false, 100)), 0);
        table.onHeartbeat(powered("plugged", new io.edgecoder.core.message.WorkerPower(true, true, false, false, false, 100)), 0);
        CapacityTable.Lease lease = await(table.acquire(PYTHON, Set.of(), 100));
        assertThat(lease.nodeId()).isEqualTo("plugged");
        assertThat(lease.placement()).contains("plugged").contains("on battery (allowed by its owner)");
        assertThat(lease.passedOver()).anySatisfy(line -> assertThat(line)
            .startsWith("on battery (its owner allows no work on battery): 1 (laptop)"));
        Future<CapacityTable.Lease> waiting = table.acquire(PYTHON, Set.of(), 50);
        lease.release();
        assertThat(await(waiting).nodeId()).as("the battery worker stays idle").isEqualTo("plugged");
    }

    @Test
    void quietHoursAndAZeroShareMeanNoWorkAndTheShareLimitsSlots() throws Exception {
        table.onHeartbeat(new WorkerHeartbeat("half", "local", List.of("python"), 4, 4, 0, "process", 1000, null, 4,
            new io.edgecoder.core.message.WorkerPower(false, false, false, false, false, 50)), 0);
        table.onHeartbeat(powered("quiet", new io.edgecoder.core.message.WorkerPower(false, false, false, false, true, 100)), 0);
        await(table.acquire(PYTHON, Set.of(), 100));
        await(table.acquire(PYTHON, Set.of(), 100));
        Future<CapacityTable.Lease> third = table.acquire(PYTHON, Set.of(), 60_000);
        assertThat(third.isComplete()).as("50 % of 4 slots is 2; the quiet worker takes none").isFalse();
    }

    @Test
    void aWaiterKeepsItsPlaceWhileAnEligibleWorkerIsBusyInsteadOfFailing() throws Exception {
        table.onHeartbeat(hb("a", 1, 1), 0);
        CapacityTable.Lease held = await(table.acquire(PYTHON, Set.of(), 100));
        Future<CapacityTable.Lease> waiting = table.acquire(PYTHON, Set.of(), 20);
        await(vertx.timer(300)); // many times the 20 ms wait: the subject of the test, not a race
        assertThat(waiting.isComplete()).as("an eligible worker is known, only busy: no failure").isFalse();
        held.release();
        assertThat(await(waiting).nodeId()).isEqualTo("a");
    }

    @Test
    void theLeaseExplainsWhyOtherWorkersWerePassedOver() throws Exception {
        table.onHeartbeat(hbOf("a", "m1"), 0);
        table.onHeartbeat(new WorkerHeartbeat("js", "local", List.of("javascript"), 1, 1, 0, "process", 1000), 0);
        Placement p = new Placement(e -> e.heartbeat().languages().contains("python") ? null : "no python runtime", Set.of(),
            Set.of(), Set.of(), false, null, null, null);
        CapacityTable.Lease lease = await(table.acquire(p, 100));
        assertThat(lease.nodeId()).isEqualTo("a");
        assertThat(lease.passedOver()).containsExactly("no python runtime: 1 (js)");
    }

    @Test
    void withdrawFailsTheWaitingSubtasksOfAJob() throws Exception {
        table.onHeartbeat(hb("a", 1, 1), 0);
        await(table.acquire(PYTHON, Set.of(), 100));
        Future<CapacityTable.Lease> waiting = table.acquire(Placement.of(PYTHON, Set.of())
            .forTicket(new Placement.Ticket("r", 5, "job-1")), 60_000);
        assertThat(table.withdraw("job-1", MeshException.unavailable("expired"))).isEqualTo(1);
        assertThat(waiting.failed()).isTrue();
        assertThat(table.waiting()).isZero();
    }
}
