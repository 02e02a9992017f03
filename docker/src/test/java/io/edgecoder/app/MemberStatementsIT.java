package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.MemberLeftEvent;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The map of member statements ({@value ClusterMembers#MAP}) holds only live members: a node that
 * restarts joins under a new member id, and the statement of its old one is removed when the
 * others see it depart, while every other node still names the departed node to its roles (so its
 * work is taken over). A node whose statement went missing (as when the other half of a split
 * brain removed it) puts it back. Real clustered Vert.x nodes, each running the departure listener
 * and the statement keeper as a launched node does.
 */
class MemberStatementsIT {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final int RESTARTS = 3;

    private final String cluster = TestClusters.newName();
    private final List<Member> members = new ArrayList<>();

    /** One node: its clustered Vert.x, its departure listener and statement keeper, and the departures its roles heard of. */
    private record Member(Vertx vertx, String clusterNodeId, NodeCredentials credentials, MemberDepartures departures,
                          OwnStatement own, List<MemberLeftEvent> left) {
        HazelcastInstance hazelcast() {
            return ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager()).getHazelcastInstance();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Member m : List.copyOf(members)) {
            close(m);
        }
    }

    @Test
    void aNodeRestartedSeveralTimesLeavesOnlyLiveMembersInTheMapAndEachDepartureIsNamed() throws Exception {
        NodeCredentials restarting = credentials();
        Member a = start(credentials());
        Member b = start(credentials());
        Member c = start(restarting);
        awaitLiveOnly(a);
        List<String> departed = new ArrayList<>();

        for (int i = 0; i < RESTARTS; i++) {
            departed.add(c.clusterNodeId());
            close(c);
            c = start(restarting);
            awaitLiveOnly(a);
        }

        assertThat(statements(b)).containsExactlyInAnyOrder(a.clusterNodeId(), b.clusterNodeId(), c.clusterNodeId());
        for (Member survivor : List.of(a, b)) {
            List<MemberLeftEvent> left = Await.until("every departure named to the roles of a survivor", WITHIN,
                () -> List.copyOf(survivor.left()), l -> l.size() >= RESTARTS);
            assertThat(left).extracting(MemberLeftEvent::clusterMember).containsExactlyElementsOf(departed);
            assertThat(left).extracting(MemberLeftEvent::nodeId).containsOnly(restarting.identity().nodeId());
        }
    }

    @Test
    void aStrangersPlantedEntryGoesWhenTheStrangerLeaves() throws Exception {
        Member a = start(credentials());
        Vertx stranger = await(TestClusters.rogue(cluster));
        String strangerId = ((VertxInternal) stranger).clusterManager().getNodeId();
        await(stranger.sharedData().<String, String>getAsyncMap(ClusterMembers.MAP).compose(m -> m.put(strangerId, "{\"member\":\"x\"}")));
        assertThat(statements(a)).contains(strangerId);

        await(stranger.close());

        Await.until("the stranger's entry removed", WITHIN, () -> statements(a), keys -> !keys.contains(strangerId));
        assertThat(statements(a)).containsExactly(a.clusterNodeId());
        assertThat(a.left()).as("a stranger is never named as a node of the deployment").isEmpty();
    }

    @Test
    void aNodeWhoseStatementWasRemovedPutsItBack() throws Exception {
        Member a = start(credentials());
        Member b = start(credentials());
        IMap<String, String> map = a.hazelcast().getMap(ClusterMembers.MAP);
        String held = map.get(b.clusterNodeId());

        // what the other half of a split brain does when it sees b depart
        map.delete(b.clusterNodeId());

        String back = Await.until("b's statement back in the map", WITHIN, () -> map.get(b.clusterNodeId()), s -> s != null);
        assertThat(back).isEqualTo(held);
        assertThat(ClusterMembers.verify(b.clusterNodeId(), back, a.credentials().trust())).isPresent();
    }

    private NodeCredentials credentials() {
        return TestClusters.ca(cluster).credentials(NodeIdentity.ephemeral(), "local", Ring.CORE, EnumSet.allOf(Role.class),
            Duration.ofHours(1));
    }

    /** Starts a node as the launcher wires it: announced, listening for departures, keeping its statement. */
    private Member start(NodeCredentials credentials) throws Exception {
        Vertx vertx = await(TestClusters.member(cluster, credentials));
        String id = ((VertxInternal) vertx).clusterManager().getNodeId();
        HazelcastInstance hazelcast = ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager()).getHazelcastInstance();
        BusClient bus = new BusClient(vertx, Duration.ofSeconds(10));
        List<MemberLeftEvent> left = new CopyOnWriteArrayList<>();
        await(bus.localConsumer(NodeAddresses.MEMBER_LEFT, MemberLeftEvent.class, e -> {
            left.add(e);
            return Future.succeededFuture();
        }));
        MemberDepartures departures = new MemberDepartures(vertx, hazelcast, credentials.trust(), bus);
        departures.start();
        OwnStatement own = new OwnStatement(vertx, hazelcast, id, credentials, Duration.ofMillis(200));
        own.start();
        Member m = new Member(vertx, id, credentials, departures, own, left);
        members.add(m);
        return m;
    }

    private void close(Member m) throws Exception {
        members.remove(m);
        m.own().stop();
        m.departures().stop();
        await(m.vertx().close());
    }

    /** Waits until the map holds exactly the statements of the live members. */
    private void awaitLiveOnly(Member reader) throws Exception {
        Set<String> live = new HashSet<>();
        members.forEach(m -> live.add(m.clusterNodeId()));
        Await.until("the map to hold the statements of exactly the live members " + live, WITHIN, () -> statements(reader),
            live::equals);
    }

    private static Set<String> statements(Member reader) {
        return new HashSet<>(reader.hazelcast().<String, String>getMap(ClusterMembers.MAP).keySet());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
