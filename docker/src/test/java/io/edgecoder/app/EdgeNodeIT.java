package io.edgecoder.app;

import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.testing.Await;
import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.trust.Ring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

/**
 * The launcher's edge ring: a core node (coordinator, inference, ledger, portal and its bridge) as
 * {@code edgecoder up} starts it, and an edge worker started as {@code edgecoder up --roles worker
 * --bridge HOST:PORT --ca DIR} (two of them, so that one can confirm the other's result), which run
 * a job without ever joining Hazelcast.
 */
@Tag("slow") // real node processes
class EdgeNodeIT {
    private static final List<Path> dirs = new java.util.ArrayList<>();
    @RegisterExtension
    static final SingleNode core = SingleNode.of("edge-node-it", Map.of(
        ConfigKeys.ROLES, "coordinator,inference,ledger,portal",
        ConfigKeys.MESH_MIN_ISOLATION, "none",
        "ledger.credit.line.user.milli", "100000"));
    private static Node edge;
    private static Node edge2;

    @BeforeAll
    static void start() throws Exception {
        edge = new Node(edgeSettings(Map.of())).start();
        // A second edge worker: results from outside the requester's trust domain need another worker's agreement.
        edge2 = new Node(edgeSettings(Map.of())).start();
    }

    private static Settings edgeSettings(Map<String, String> more) throws Exception {
        Map<String, String> values = new HashMap<>(Map.of(
            ConfigKeys.ROLES, "worker",
            ConfigKeys.DATA_DIR, tempDir("edgecoder-edge").toString(),
            ConfigKeys.EDGE_BRIDGE, "127.0.0.1:" + core.node().bridgePort(),
            ConfigKeys.TRUST_CA_DIR, core.dataDir().resolve("ca").toString(),
            ConfigKeys.ORG, "partner",
            ConfigKeys.WORKER_SLOTS, "1"));
        values.putAll(more);
        return Settings.of(ConfigKeys.defaults()).with(values);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Node n : new Node[] {edge, edge2}) {
            if (n != null) {
                n.close();
            }
        }
        for (Path dir : dirs) {
            EdgecoderCli.deleteTree(dir);
        }
    }

    @Test
    void anEdgeWorkerStartedByTheLauncherRunsAMeshJobThroughTheBridge() throws Exception {
        BusClient bus = new BusClient(core.node().vertx(), Duration.ofSeconds(30));
        Jobs.awaitWorkers(bus, 2);
        JobSubmitRequest job = Jobs.python("edge", Map.of("test_one.py", Jobs.PASSING));
        JobSubmitRequest mesh = new JobSubmitRequest(job.title(), job.language(), job.files(), job.tests(), "mesh",
            job.timeoutSeconds(), job.requester(), null);

        JobView done = Jobs.awaitFinished(bus, await(bus.request(CoordinatorAddresses.JOB_SUBMIT, mesh, JobSubmitReply.class)).id());

        assertThat(done.status()).isEqualTo("succeeded");
        assertThat(done.subtasks()).extracting(SubtaskView::worker).isSubsetOf(edge.nodeId(), edge2.nodeId());
        assertThat(edge.credentials().certificate().ring()).isEqualTo(Ring.EDGE);
        assertThat(edge.credentials().certificate().org()).isEqualTo("partner");
    }

    @Test
    void cancellingAJobStopsItsRunsOnEdgeWorkersThroughTheBridge() throws Exception {
        BusClient bus = new BusClient(core.node().vertx(), Duration.ofSeconds(30));
        Jobs.awaitWorkers(bus, 2);
        String marker = "4" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        String sleeper = "import subprocess, time, unittest\n\nclass T(unittest.TestCase):\n    def test_sleeps(self):\n"
            + "        subprocess.Popen(['sleep', '" + marker + "'])\n        time.sleep(120)\n";
        JobSubmitRequest mesh = new JobSubmitRequest("edge cancel", "python", Map.of("test_sleeps.py", sleeper),
            List.of("test_sleeps.py"), "mesh", 120, "admin", null);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, mesh, JobSubmitReply.class)).id();
        Await.until("an edge run to start its child", Duration.ofSeconds(60), () -> JobCancelIT.processesWith(marker),
            p -> !p.isEmpty());

        JobView cancelled = await(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, Actor.operator()),
            JobView.class));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(Await.until("the edge run's processes to be gone", Duration.ofSeconds(30),
            () -> JobCancelIT.processesWith(marker), List::isEmpty)).isEmpty();
    }

    @Test
    void anEdgeWorkerWithACoreCertificateDoesNotStart() throws Exception {
        Node wrong = new Node(edgeSettings(Map.of(ConfigKeys.TRUST_RING, "core")));

        assertThatThrownBy(wrong::start).isInstanceOf(ConfigException.class)
            .hasMessageContaining("needs a certificate for the edge ring").hasMessageContaining("--ring edge");
        wrong.close();
    }

    @Test
    void anEdgeNodeRunsOnlyTheWorkerRole() throws Exception {
        Node wrong = new Node(edgeSettings(Map.of(ConfigKeys.ROLES, "worker,portal")));

        assertThatThrownBy(wrong::start).isInstanceOf(ConfigException.class)
            .hasMessageContaining("runs only the worker role");
        wrong.close();
    }

    private static Path tempDir(String prefix) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        dirs.add(dir);
        return dir;
    }
}
