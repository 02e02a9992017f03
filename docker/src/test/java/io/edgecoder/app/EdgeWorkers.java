package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.worker.app.WorkerConfig;
import io.edgecoder.worker.app.WorkerVerticle;
import io.edgecoder.worker.edge.EdgeLink;
import io.edgecoder.worker.edge.EdgeLinkConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/** Edge workers for tests: a non-clustered Vert.x with the worker role and a link to a bridge. */
final class EdgeWorkers {
    private EdgeWorkers() {
    }

    /** A running edge worker. */
    record EdgeWorker(Vertx vertx, String nodeId, EdgeLink link, NodeCredentials credentials) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            await(vertx.close());
        }
    }

    /** Edge credentials for a new identity, issued by {@code ca} (the deployment's, or a stranger's). */
    static NodeCredentials credentials(DeploymentCa ca, String org) {
        return ca.credentials(NodeIdentity.ephemeral(), org, Ring.EDGE, EnumSet.of(Role.WORKER), Duration.ofHours(2));
    }

    /** Starts a worker with its own data directory that reaches the mesh through the bridge at 127.0.0.1:{@code port}. */
    static EdgeWorker start(NodeCredentials credentials, int port, Settings settings) throws Exception {
        Settings own = settings.with(Map.of(ConfigKeys.DATA_DIR, TempFiles.directoryRemovedAtExit("edgecoder-edge").toString(),
            ConfigKeys.EDGE_BRIDGE, "127.0.0.1:" + port, ConfigKeys.ORG, credentials.certificate().org()));
        Vertx vertx = Vertx.vertx();
        await(vertx.deployVerticle(new WorkerVerticle(WorkerConfig.from(own, credentials.identity()))));
        EdgeLink link = new EdgeLink(EdgeLinkConfig.from(own, credentials).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
        await(vertx.deployVerticle(link));
        return new EdgeWorker(vertx, credentials.identity().nodeId(), link, credentials);
    }
}
