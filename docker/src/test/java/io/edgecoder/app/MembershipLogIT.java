package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every node logs one INFO line per membership change, naming the member's address. */
class MembershipLogIT {
    private static final int PORT = 26701;
    private final Logger logger = (Logger) LoggerFactory.getLogger(MembershipLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private HazelcastInstance first;
    private HazelcastInstance second;

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        for (HazelcastInstance instance : new HazelcastInstance[] {second, first}) {
            if (instance != null && instance.getLifecycleService().isRunning()) {
                instance.shutdown();
            }
        }
    }

    @Test
    void joiningAndLeavingMembersAreLoggedWithTheirAddress() throws Exception {
        lines.start();
        logger.addAppender(lines);
        String name = TestClusters.newName();
        first = Hazelcast.newHazelcastInstance(ClusterConfigs.from(settings(name, PORT)));
        second = Hazelcast.newHazelcastInstance(ClusterConfigs.from(settings(name, PORT + 10)));
        String secondAddress = second.getCluster().getLocalMember().getAddress().getHost() + ":"
            + second.getCluster().getLocalMember().getAddress().getPort();
        String secondId = second.getCluster().getLocalMember().getUuid().toString();

        Await.until("the first node logs the second joining", Duration.ofSeconds(30), this::messages,
            m -> m.stream().anyMatch(l -> l.startsWith("cluster member added: " + secondAddress + " (" + secondId + "); 2 members")));
        second.shutdown();
        List<String> seen = Await.until("the first node logs the second leaving", Duration.ofSeconds(60), this::messages,
            m -> m.stream().anyMatch(l -> l.startsWith("cluster member removed: " + secondAddress + " (" + secondId + "); 1 members")));

        assertThat(seen).anyMatch(l -> l.startsWith("cluster members at join: "));
        assertThat(lines.list).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
    }

    private static Settings settings(String clusterName, int port) {
        String join = IntStream.of(PORT, PORT + 10).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        return Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.CLUSTER_NAME, clusterName,
            ConfigKeys.CLUSTER_PORT, String.valueOf(port), ConfigKeys.CLUSTER_JOIN, join));
    }

    private List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
