package io.edgecoder.core.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Several clustered Vert.x instances in one JVM, joined by Hazelcast over TCP-IP on loopback
 * under a cluster name unique to the test, so parallel or leftover clusters never mix.
 */
public final class TestClusters {
    private TestClusters() {
    }

    /** Starts {@code count} members of one new cluster (blocking; for test set-up). */
    public static List<Vertx> start(int count) throws Exception {
        String name = "edgecoder-test-" + UUID.randomUUID();
        List<Vertx> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(member(name).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        return nodes;
    }

    /** Starts one more member of the named cluster. */
    public static Future<Vertx> member(String clusterName) {
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
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
        return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
    }

    /** Closes every node, waiting up to 30 s. */
    public static void closeAll(List<Vertx> nodes) throws Exception {
        for (Vertx vertx : nodes) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
