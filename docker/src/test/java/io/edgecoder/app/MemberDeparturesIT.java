package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.MemberLeftEvent;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When cluster membership removes a member, a node names the node behind it through the member's
 * signed statement and tells its own roles; a member that was never a node of the deployment is
 * not reported.
 */
class MemberDeparturesIT {
    private final List<Vertx> nodes = new ArrayList<>();
    private MemberDepartures departures;

    @AfterEach
    void stop() throws Exception {
        if (departures != null) {
            departures.stop();
        }
        for (Vertx vertx : nodes) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNodeThatLeavesIsNamedToTheRolesOfTheOthersAndAStrangerIsNot() throws Exception {
        String cluster = TestClusters.newName();
        NodeCredentials watcher = credentials(cluster);
        NodeCredentials leaver = credentials(cluster);
        Vertx a = start(TestClusters.member(cluster, watcher));
        Vertx b = start(TestClusters.member(cluster, leaver));
        Vertx stranger = start(TestClusters.rogue(cluster));
        BusClient bus = new BusClient(a, Duration.ofSeconds(5));
        List<MemberLeftEvent> seen = new CopyOnWriteArrayList<>();
        await(bus.localConsumer(NodeAddresses.MEMBER_LEFT, MemberLeftEvent.class, e -> {
            seen.add(e);
            return Future.succeededFuture();
        }));
        HazelcastClusterManager manager = (HazelcastClusterManager) ((VertxInternal) a).clusterManager();
        departures = new MemberDepartures(a, manager.getHazelcastInstance(), watcher.trust(), bus);
        departures.start();
        String bMember = ((VertxInternal) b).clusterManager().getNodeId();

        close(stranger);
        close(b);

        List<MemberLeftEvent> events = Await.until("node a hearing that node b left", Duration.ofSeconds(60), () -> List.copyOf(seen),
            list -> !list.isEmpty());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.nodeId()).isEqualTo(leaver.identity().nodeId());
            assertThat(e.clusterMember()).isEqualTo(bMember);
        });
    }

    private static NodeCredentials credentials(String cluster) {
        return TestClusters.ca(cluster).credentials(NodeIdentity.ephemeral(), "local", Ring.CORE, EnumSet.allOf(Role.class),
            Duration.ofHours(1));
    }

    private Vertx start(Future<Vertx> member) throws Exception {
        Vertx vertx = await(member);
        nodes.add(vertx);
        return vertx;
    }

    private void close(Vertx vertx) throws Exception {
        nodes.remove(vertx);
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
