package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.config.Config;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A cluster does not stay split: a restarted full node finds the workers that had joined it, a
 * node that formed a cluster of its own merges with the others within seconds (Hazelcast's own
 * first look is after 300 s), a {@code --join} address that answers nothing is warned about and
 * tried again until it answers, and a node whose configured port was taken advertises the port
 * it got. Real Hazelcast members configured as the launcher configures them.
 */
@Tag("slow")
class ClusterRejoinIT {
    private static final int BASE = 27801;
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final String cluster = TestClusters.newName();
    private final List<HazelcastInstance> instances = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final Logger watchLog = (Logger) LoggerFactory.getLogger(ClusterWatch.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Vertx vertx;

    @AfterEach
    void stop() throws Exception {
        watchLog.detachAppender(lines);
        for (HazelcastInstance instance : instances) {
            if (instance.getLifecycleService().isRunning()) {
                instance.shutdown();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        dirs.forEach(TempFiles::deleteTree);
    }

    @Test
    void aRestartedFullNodeRejoinsTheWorkersThatHadJoinedIt() throws Exception {
        Path fullDir = dir();
        HazelcastInstance full = start(fullDir, BASE);
        HazelcastInstance w1 = start(dir(), BASE + 10, BASE);
        HazelcastInstance w2 = start(dir(), BASE + 20, BASE);
        awaitSize("three members", w1, 3);
        assertThat(Files.readAllLines(fullDir.resolve(KnownMembers.FILE))).hasSize(3);

        full.getLifecycleService().terminate();
        awaitSize("the workers noticing", w1, 2);
        // on another port, so the workers' --join does not name it: only what it remembers can bring them together
        HazelcastInstance restarted = start(fullDir, BASE + 5);

        awaitSize("the restarted full node among the workers", restarted, 3);
        awaitSize("the workers seeing it", w2, 3);
    }

    @Test
    void aNodeThatFormedAClusterOfItsOwnMergesWithTheOthersWithinSeconds() throws Exception {
        HazelcastInstance full = start(dir(), BASE + 30);
        HazelcastInstance w1 = start(dir(), BASE + 40, BASE + 30);
        start(dir(), BASE + 50, BASE + 30);
        awaitSize("three members", w1, 3);

        full.getLifecycleService().terminate();
        awaitSize("the workers noticing", w1, 2);
        // restarted without any memory of the others: it starts alone, and their merge finds it
        HazelcastInstance amnesiac = start(dir(), BASE + 30);

        awaitSize("one cluster again", amnesiac, 3);
        awaitSize("the workers seeing it", w1, 3);
    }

    @Test
    void aJoinAddressThatAnswersNothingIsWarnedAboutAndTriedUntilItAnswers() throws Exception {
        lines.start();
        watchLog.addAppender(lines);
        vertx = Vertx.vertx();
        HazelcastInstance lonely = start(dir(), BASE + 60, BASE + 70);
        ClusterWatch watch = new ClusterWatch(vertx, lonely, List.of("127.0.0.1:" + (BASE + 70)));
        vertx.runOnContext(v -> watch.start());
        Await.until("a warning that the node runs alone", WITHIN, this::messages,
            m -> m.stream().anyMatch(l -> l.startsWith("running alone: no member at [127.0.0.1:" + (BASE + 70) + "] answered")));

        start(dir(), BASE + 70);

        awaitSize("the node joining the one that came up late", lonely, 2);
        Await.until("a line saying it is no longer alone", WITHIN, this::messages,
            m -> m.stream().anyMatch(l -> l.startsWith("joined the cluster after running alone")));
        vertx.runOnContext(v -> watch.stop());
        assertThat(lines.list).filteredOn(e -> e.getLevel() == Level.WARN).isNotEmpty();
    }

    @Test
    void aNodeWhosePortWasTakenAdvertisesThePortItGot() throws Exception {
        int port = BASE + 80;
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            HazelcastInstance node = start(dir(), port);
            int actual = node.getCluster().getLocalMember().getAddress().getPort();
            assertThat(actual).isNotEqualTo(port);
            assertThat(node.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
            // and a member that joins it through that port finds it
            HazelcastInstance other = start(dir(), BASE + 90, actual);
            awaitSize("the second node joining the first at the port it got", other, 2);
        }
    }

    private HazelcastInstance start(Path dataDir, int port, int... join) {
        Map<String, String> s = new HashMap<>(Map.of(ConfigKeys.CLUSTER_NAME, cluster, ConfigKeys.CLUSTER_PORT, String.valueOf(port)));
        if (join.length > 0) {
            List<String> members = new ArrayList<>();
            for (int p : join) {
                members.add("127.0.0.1:" + p);
            }
            s.put(ConfigKeys.CLUSTER_JOIN, String.join(",", members));
        }
        KnownMembers known = new KnownMembers(dataDir);
        Config config = ClusterConfigs.from(Settings.of(ConfigKeys.defaults()).with(s), known.read());
        config.addListenerConfig(new ListenerConfig(known));
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
        instances.add(instance);
        return instance;
    }

    private Path dir() throws Exception {
        Path dir = Files.createTempDirectory("edgecoder-rejoin");
        dirs.add(dir);
        return dir;
    }

    private static void awaitSize(String what, HazelcastInstance instance, int size) throws Exception {
        Await.until(what, WITHIN, () -> instance.getCluster().getMembers().size(), n -> n == size);
    }

    private List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
