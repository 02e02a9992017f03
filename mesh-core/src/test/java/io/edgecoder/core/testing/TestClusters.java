package io.edgecoder.core.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Several clustered Vert.x instances in one JVM, joined by Hazelcast over TCP-IP on loopback
 * under a cluster name unique to the test, so parallel or leftover clusters never mix. Like real
 * nodes, members speak mutual TLS on the event bus with certificates from a CA made for the cluster,
 * and sign and check every message ({@link BusAuth}); by default a member has every role.
 */
public final class TestClusters {
    private static final Map<String, DeploymentCa> CAS = new ConcurrentHashMap<>();

    private TestClusters() {
    }

    /** Starts {@code count} members of one new cluster (blocking; for test set-up). */
    public static List<Vertx> start(int count) throws Exception {
        String name = newName();
        List<Vertx> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(member(name).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        return nodes;
    }

    /** A cluster name no other test uses. */
    public static String newName() {
        return "edgecoder-test-" + UUID.randomUUID();
    }

    /** The CA of the named test cluster (created on first use). */
    public static DeploymentCa ca(String clusterName) {
        return CAS.computeIfAbsent(clusterName, DeploymentCa::ephemeral);
    }

    /** Starts one more member of the named cluster, with every role. */
    public static Future<Vertx> member(String clusterName) {
        return member(clusterName, EnumSet.allOf(Role.class), "local");
    }

    /** Starts one more member with the given roles and organisation, under a fresh identity. */
    public static Future<Vertx> member(String clusterName, Set<Role> roles, String org) {
        return member(clusterName, ca(clusterName).credentials(NodeIdentity.ephemeral(), org, Ring.CORE, roles, Duration.ofHours(2)));
    }

    /** Starts one more member presenting {@code credentials} (which may come from another CA). */
    public static Future<Vertx> member(String clusterName, NodeCredentials credentials) {
        return member(hazelcast(clusterName), credentials);
    }

    /** Starts a member with its own Hazelcast configuration (to join a node outside the test ports). */
    public static Future<Vertx> member(Config hazelcast, NodeCredentials credentials) {
        VertxOptions options = new VertxOptions();
        credentials.applyTo(options.getEventBusOptions().setHost("127.0.0.1").setPort(0));
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
        return Vertx.builder().with(options).withClusterManager(manager)
            .buildClustered()
            .onSuccess(vertx -> BusAuth.install(vertx, credentials))
            .compose(vertx -> ClusterMembers.announce(vertx, manager.getNodeId(), credentials).map(vertx));
    }

    /** A member without TLS or certificate: what a process that merely reaches the Hazelcast port can start. */
    public static Future<Vertx> rogue(String clusterName) {
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
        return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(clusterName))).buildClustered();
    }

    /** The Hazelcast configuration of a test member: TCP-IP on loopback, nothing else. */
    public static Config hazelcast(String clusterName) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.getNetworkConfig().setPort(25701).setPortAutoIncrement(true).setPortCount(200);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        var tcp = join.getTcpIpConfig().setEnabled(true);
        for (int port = 25701; port <= 25712; port++) {
            tcp.addMember("127.0.0.1:" + port);
        }
        return config;
    }

    /** Closes every node, waiting up to 30 s. */
    public static void closeAll(List<Vertx> nodes) throws Exception {
        for (Vertx vertx : nodes) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
