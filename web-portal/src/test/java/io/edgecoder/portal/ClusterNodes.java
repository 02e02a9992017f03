package io.edgecoder.portal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.TcpIpConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Clustered Vert.x members on loopback under a cluster name unique to the test. Like mesh-core's
 * TestClusters, but lists member ports one by one: with interfaces enabled, Hazelcast 5.3
 * rejects the {@code host:from-to} member form that TestClusters uses.
 */
final class ClusterNodes {
    private static final int BASE_PORT = 27701;
    private static final int MEMBER_PORTS = 8;

    private ClusterNodes() {
    }

    static List<Vertx> start(int count) {
        String name = "edgecoder-portal-test-" + UUID.randomUUID();
        List<Vertx> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            VertxOptions options = new VertxOptions();
            options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
            nodes.add(PortalHarness.await(Vertx.builder().with(options)
                .withClusterManager(new HazelcastClusterManager(config(name))).buildClustered()));
        }
        return nodes;
    }

    private static Config config(String name) {
        Config config = new Config();
        config.setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(BASE_PORT).setPortAutoIncrement(true).setPortCount(MEMBER_PORTS);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcp = join.getTcpIpConfig().setEnabled(true);
        for (int port = BASE_PORT; port < BASE_PORT + MEMBER_PORTS; port++) {
            tcp.addMember("127.0.0.1:" + port);
        }
        return config;
    }

    static void closeAll(List<Vertx> nodes) {
        nodes.forEach(vertx -> PortalHarness.await(vertx.close()));
    }
}
