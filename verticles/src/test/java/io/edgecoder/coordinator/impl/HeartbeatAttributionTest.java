package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.Role;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Vertx;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatAttributionTest {
    private static final Caller EDGE = new Caller("nedge1", "partner", EnumSet.of(Role.WORKER), Ring.EDGE, "nbridge", 0);

    private static WorkerHeartbeat hb(String id, String org) {
        return new WorkerHeartbeat(id, org, List.of("python"), 2, 2, 0, "strong", 1000);
    }

    @Test
    void aNodeAnnouncingItselfIsRecordedInTheOrganisationOfItsCertificate() {
        WorkerHeartbeat claimed = hb("nedge1", "acme");

        WorkerHeartbeat recorded = HeartbeatAttribution.attribute(claimed, EDGE).orElseThrow();

        assertThat(recorded.org()).isEqualTo("partner");
        assertThat(recorded).isEqualTo(new WorkerHeartbeat("nedge1", "partner", List.of("python"), 2, 2, 0, "strong", 1000));
    }

    @Test
    void aHeartbeatNamingAnotherNodeIsIgnored() {
        assertThat(HeartbeatAttribution.attribute(hb("nsomeoneelse", "partner"), EDGE)).isEmpty();
    }

    @Test
    void aCoreNodeThroughABridgeIsHeldToItsOwnIdToo() {
        Caller bridgedCore = new Caller("ncore1", "acme", EnumSet.of(Role.WORKER), Ring.CORE, "nbridge", 0);

        assertThat(HeartbeatAttribution.attribute(hb("nother", "acme"), bridgedCore)).isEmpty();
        assertThat(HeartbeatAttribution.attribute(hb("ncore1", "evil"), bridgedCore).orElseThrow().org()).isEqualTo("acme");
    }

    @Test
    void heartbeatsOfCoreNodesAndWithoutBusAuthenticationAreTakenAsSent() {
        WorkerHeartbeat body = hb("n1", "acme");
        Caller core = new Caller("ncore1", "local", EnumSet.of(Role.WORKER), Ring.CORE, null, 0);

        assertThat(HeartbeatAttribution.attribute(body, Caller.UNAUTHENTICATED_LOCAL)).contains(body);
        assertThat(HeartbeatAttribution.attribute(body, core)).contains(body);
    }

    @Test
    void aNodeCountsNoMoreSlotsThanItsCertificateAllows() {
        Caller capped = new Caller("nedge1", "partner", EnumSet.of(Role.WORKER), Ring.EDGE, "nbridge", 1);
        Caller ownCore = new Caller("ncore1", "acme", EnumSet.of(Role.WORKER), Ring.CORE, null, 1);
        WorkerHeartbeat boasting = new WorkerHeartbeat("nedge1", "partner", List.of("python"), 64, 64, 0, "strong", 1000);

        WorkerHeartbeat recorded = HeartbeatAttribution.attribute(boasting, capped).orElseThrow();
        WorkerHeartbeat core = HeartbeatAttribution.attribute(
            new WorkerHeartbeat("ncore1", "acme", List.of("python"), 8, 3, 0, "strong", 1000), ownCore).orElseThrow();

        assertThat(recorded.slots()).isEqualTo(1);
        assertThat(recorded.freeSlots()).isEqualTo(1);
        assertThat(core.slots()).isEqualTo(1);
        assertThat(core.freeSlots()).isEqualTo(1);
        assertThat(HeartbeatAttribution.attribute(hb("nedge1", "partner"), EDGE).orElseThrow().slots()).as("no capacity stated").isEqualTo(2);
    }

    @Test
    void theCapacityTableRemembersWhichWorkersAreOnTheEdge() {
        Vertx vertx = Vertx.vertx();
        try {
            CapacityTable table = new CapacityTable(vertx, 3);
            table.onHeartbeat(hb("nedge1", "partner"), true, 0);
            table.onHeartbeat(hb("ncore1", "acme"), 0);

            assertThat(table.entry("nedge1").orElseThrow().edge()).isTrue();
            assertThat(table.entry("ncore1").orElseThrow().edge()).isFalse();
            assertThat(table.entry("nunknown")).isEmpty();
        } finally {
            vertx.close();
        }
    }
}
