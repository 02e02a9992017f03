package io.edgecoder.app;

import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.portal.bridge.BridgeConfig;
import io.edgecoder.portal.bridge.EdgeBridge;
import io.edgecoder.worker.edge.EdgeLink;
import io.edgecoder.worker.edge.EdgeLinkConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Optional;
import java.util.Set;

/**
 * The launcher's part of the edge ring. With {@code --bridge host:port} a node is an edge worker:
 * the worker role on a plain Vert.x (no Hazelcast, no bus authentication: nothing but its own
 * verticles is on its bus) and an {@link EdgeLink} to the bridge, which needs a certificate for
 * the edge ring. A core node with the portal role runs the bridge itself ({@code bridge.port}).
 */
final class EdgeNode {
    private EdgeNode() {
    }

    static boolean wanted(Settings settings) {
        return settings.has(ConfigKeys.EDGE_BRIDGE);
    }

    /** An edge node runs the worker role and nothing else. */
    static void checkRoles(Set<Role> roles) {
        if (!roles.equals(Set.of(Role.WORKER))) {
            throw new ConfigException("option --bridge (setting '" + ConfigKeys.EDGE_BRIDGE + "') starts an edge worker: "
                + "it runs only the worker role (--roles worker), not " + Role.ids(roles));
        }
    }

    /** The certificate must be for the edge ring: a core certificate belongs in the cluster, not on a bridge. */
    static void checkCertificate(NodeCredentials credentials) {
        if (credentials.certificate().ring() != Ring.EDGE) {
            throw new ConfigException("an edge worker (--bridge) needs a certificate for the edge ring, but this node's "
                + "certificate is for the " + credentials.certificate().ring().id() + " ring: enroll it with an edge token "
                + "(--enroll TOKEN), or issue one with --ca DIR --ring edge (docs/trust.md, \"Edge ring\")");
        }
    }

    static Vertx vertx(MeterRegistry meters) {
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
        return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters)).build();
    }

    static EdgeLink link(Settings settings, NodeCredentials credentials) {
        return new EdgeLink(EdgeLinkConfig.from(settings, credentials));
    }

    /** The bridge a portal node runs, unless {@code bridge.port} is -1. */
    static Optional<EdgeBridge> bridge(Settings settings, MeterRegistry meters) {
        BridgeConfig config = BridgeConfig.from(settings, meters);
        return config.enabled() ? Optional.of(new EdgeBridge(config)) : Optional.empty();
    }
}
