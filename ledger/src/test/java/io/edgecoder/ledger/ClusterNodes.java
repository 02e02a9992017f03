package io.edgecoder.ledger;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.TcpIpConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Clustered Vert.x members on loopback for the ledger's tests. Like mesh-core's TestClusters,
 * but lists the member ports one by one: Hazelcast 5.3 rejects the "host:from-to" range form.
 */
public final class ClusterNodes {
    private static final int BASE_PORT = 26701;

    private ClusterNodes() {
    }

    public static List<Vertx> start(int count) throws Exception {
        String name = "edgecoder-ledger-test-" + UUID.randomUUID();
        List<Vertx> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(Vertx.builder().with(options()).withClusterManager(new HazelcastClusterManager(config(name)))
                .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
        return nodes;
    }

    private static VertxOptions options() {
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
        return options;
    }

    private static Config config(String name) {
        Config config = new Config();
        config.setClusterName(name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(BASE_PORT).setPortAutoIncrement(true).setPortCount(20);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcp = join.getTcpIpConfig().setEnabled(true);
        for (int port = BASE_PORT; port < BASE_PORT + 6; port++) {
            tcp.addMember("127.0.0.1:" + port);
        }
        return config;
    }

    public static void closeAll(List<Vertx> nodes) throws Exception {
        for (Vertx vertx : nodes) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
