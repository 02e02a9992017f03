package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;

import com.hazelcast.config.Config;
import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.edgecoder.worker.app.WorkerConfig;
import io.edgecoder.worker.app.WorkerVerticle;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Deploys the real roles onto clustered test nodes. */
final class TestNodes {
    private TestNodes() {
    }

    /** Ledger, inference and coordinator on one node, sharing one identity and database. */
    static void deployCoordinatorNode(Vertx node, Settings settings, String dbUrl) throws Exception {
        NodeIdentity identity = NodeIdentity.ephemeral();
        await(node.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, dbUrl, identity))));
        await(node.deployVerticle(new InferenceVerticle(Duration.ofSeconds(10))));
        await(node.deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(settings, dbUrl, identity, null))));
    }

    /** A worker with an identity and data directory of its own; returns its node id. */
    static String deployWorker(Vertx node, Settings settings) throws Exception {
        NodeIdentity identity = NodeIdentity.ephemeral();
        Settings own = settings.with(Map.of(ConfigKeys.DATA_DIR, TempFiles.directoryRemovedAtExit("edgecoder-worker").toString()));
        await(node.deployVerticle(new WorkerVerticle(WorkerConfig.from(own, identity))));
        return identity.nodeId();
    }

    /**
     * Another core node of a running deployment: a clustered Vert.x joining the node's Hazelcast on
     * loopback, with a certificate for {@code roles} issued by the CA in {@code <dataDir>/ca}.
     */
    static Vertx deploymentMember(Path dataDir, String clusterName, int clusterPort, Set<Role> roles) throws Exception {
        DeploymentCa ca = DeploymentCa.load(dataDir.resolve("ca"));
        NodeCredentials credentials = ca.credentials(NodeIdentity.ephemeral(), "local", Ring.CORE, roles, Duration.ofHours(1));
        Config hazelcast = TestClusters.hazelcast(clusterName);
        hazelcast.getNetworkConfig().getJoin().getTcpIpConfig().clear().addMember("127.0.0.1:" + clusterPort);
        return await(TestClusters.member(hazelcast, credentials));
    }
}
