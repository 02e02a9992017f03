package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A worker node that leaves the cluster in the middle of a subtask: the coordinator notices,
 * runs the subtask again on another worker, the job still succeeds, and only the worker that
 * finished is paid.
 */
class WorkerReplacementIT {
    private static final String SLOW = """
        import time
        import unittest

        class SlowTest(unittest.TestCase):
            def test_slow_but_fine(self):
                time.sleep(5)
                self.assertTrue(True)
        """;

    private static List<Vertx> nodes;
    private static Settings settings;
    private static BusClient bus;

    @BeforeAll
    static void startCluster() throws Exception {
        nodes = TestClusters.start(3);
        String dbUrl = TestDatabase.freshDatabase();
        settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.WORKER_SLOTS, "1", ConfigKeys.HEARTBEAT_MS, "500"));
        TestNodes.deployCoordinatorNode(nodes.get(0), settings, dbUrl);
        bus = new BusClient(nodes.get(0), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Vertx node : nodes) {
            if (node != closed) {
                TestClusters.closeAll(List.of(node));
            }
        }
    }

    private static Vertx closed;

    @Test
    void aSubtaskWhoseWorkerLeavesIsRunAgainElsewhereAndOnlyTheFinisherIsPaid() throws Exception {
        // Given two workers, a job whose single subtask runs for a while on one of them
        String onNode1 = TestNodes.deployWorker(nodes.get(1), settings);
        String onNode2 = TestNodes.deployWorker(nodes.get(2), settings);
        Jobs.awaitWorkers(bus, 2);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT,
            Jobs.python("replace me", Map.of("test_slow.py", SLOW)), JobSubmitReply.class)).id();
        JobView running = Jobs.awaitJob(bus, id, v -> !v.subtasks().isEmpty() && "running".equals(v.subtasks().get(0).status())
            && v.subtasks().get(0).worker() != null, 30);
        String first = running.subtasks().get(0).worker();
        String second = first.equals(onNode1) ? onNode2 : onNode1;

        // When the node running it leaves the cluster mid-subtask
        closed = first.equals(onNode1) ? nodes.get(1) : nodes.get(2);
        await(closed.close());

        // Then the subtask runs again on the other worker, the job succeeds, and only that worker is paid
        JobView job = Jobs.awaitFinished(bus, id);
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.verified()).isTrue();
        SubtaskView subtask = job.subtasks().get(0);
        assertThat(subtask.worker()).isEqualTo(second);
        assertThat(subtask.attempts()).isEqualTo(2);
        Map<String, Long> balances = Jobs.awaitBalances(bus, b -> b.containsKey("node:" + second));
        assertThat(balances.get("node:" + second)).isPositive();
        assertThat(balances).doesNotContainKey("node:" + first);
    }
}
