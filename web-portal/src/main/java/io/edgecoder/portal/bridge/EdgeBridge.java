package io.edgecoder.portal.bridge;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.Json;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.JobCancelEvent;
import io.vertx.core.json.JsonObject;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.edgecoder.core.policy.NodePolicy;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.RefusalLog;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge ring's way in: a TLS server (client certificate from the deployment CA required) that
 * admits nodes whose certificate has the worker role, one connection per node (a reconnect
 * replaces the old one), each allowed only its worker addresses (see {@link EdgeConnection}).
 * A sweep twice a second closes the connections of revoked or expired nodes even when they are
 * silent. Needs {@link BusAuth} on this node and the portal role in its certificate, because
 * other nodes accept the bridge's edge stamp only from a portal.
 */
public final class EdgeBridge extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeBridge.class);
    private static final long SWEEP_MS = 500;
    private static final int IDLE_SECONDS = 90;

    private final BridgeConfig config;
    private final Map<String, EdgeConnection> connections = new HashMap<>();
    private BridgeParts parts;
    private NetServer server;
    private long sweepTimer = -1;
    private String bridgeOrg;

    public EdgeBridge(BridgeConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        BusAuth auth = BusAuth.of(vertx).orElse(null);
        if (auth == null) {
            return Future.failedFuture(new IllegalStateException("the edge bridge needs bus authentication on this node"));
        }
        if (!auth.self().has(Role.PORTAL)) {
            return Future.failedFuture(new IllegalStateException(
                "the edge bridge needs the portal role in this node's certificate (other nodes refuse its stamp otherwise)"));
        }
        parts = new BridgeParts(vertx, auth.trust(), new BusClient(vertx, Duration.ofSeconds(10)),
            new BridgeMeters(config.meters(), connections), new RefusalLog(LOG), config.maxFrameBytes());
        NetServerOptions options = new NetServerOptions().setIdleTimeout(IDLE_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS);
        server = vertx.createNetServer(auth.credentials().serverOptions(options)).connectHandler(this::accept);
        sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> sweep());
        bridgeOrg = auth.self().org();
        io.vertx.core.Context context = vertx.getOrCreateContext();
        NodePolicy.of(vertx).onChange(s -> context.runOnContext(v -> sweep()));
        return parts.bus().consumer(WorkerAddresses.JOB_CANCEL, JobCancelEvent.class, this::cancelled)
            .compose(c -> server.listen(config.port(), config.host()))
            .onSuccess(s -> LOG.info("edge bridge listening on {}:{} (TLS, deployment CA)", config.host(), s.actualPort()));
    }

    /** A job was cancelled: every edge worker behind this bridge is told, as a core worker is. */
    private Future<Void> cancelled(JobCancelEvent event) {
        JsonObject body = Json.toJson(event);
        connections.values().forEach(c -> c.publish(WorkerAddresses.JOB_CANCEL, body));
        return Future.succeededFuture();
    }

    /** The port the bridge listens on. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    private void accept(NetSocket socket) {
        NodeCertificate cert;
        String certBase64;
        try {
            X509Certificate x509 = peer(socket);
            cert = parts.trust().check(x509);
            certBase64 = Base64.getEncoder().encodeToString(x509.getEncoded());
            admit(cert);
            EdgePolicy.refusal(NodePolicy.of(vertx), cert, bridgeOrg).ifPresent(refusal -> {
                throw new MeshException(ErrorCode.FORBIDDEN, "refused by " + refusal);
            });
        } catch (MeshException | CertificateEncodingException e) {
            turnAway(socket, e instanceof MeshException m && m.code() == ErrorCode.OVERLOADED ? "limit"
                : e.getMessage() != null && e.getMessage().startsWith("refused by rule") ? "policy" : "certificate", e.getMessage());
            return;
        }
        EdgeConnection connection = new EdgeConnection(parts, socket, cert, certBase64, this::closed);
        EdgeConnection old = connections.put(cert.nodeId(), connection);
        if (old != null) {
            old.close("replaced by a new connection of the same node");
        }
        connection.start();
        LOG.info("edge node {} (org {}, ring {}) connected to the bridge from {}", cert.nodeId(), cert.org(), cert.ring().id(),
            socket.remoteAddress());
    }

    private static X509Certificate peer(NetSocket socket) {
        try {
            List<Certificate> chain = socket.peerCertificates();
            if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509) {
                return x509;
            }
        } catch (SSLPeerUnverifiedException e) {
            // falls through: no certificate
        }
        throw new MeshException(ErrorCode.UNAUTHORIZED, "no client certificate");
    }

    private void admit(NodeCertificate cert) {
        if (!cert.has(Role.WORKER)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "node " + cert.nodeId() + " has no worker role");
        }
        if (!connections.containsKey(cert.nodeId()) && connections.size() >= config.maxConnections()) {
            throw new MeshException(ErrorCode.OVERLOADED, "the bridge holds its maximum of " + config.maxConnections() + " connections");
        }
    }

    private void turnAway(NetSocket socket, String reason, String message) {
        parts.meters().refused(reason);
        parts.refusals().log("bridge:connect", "from " + socket.remoteAddress() + ": " + message);
        socket.close();
    }

    private void closed(EdgeConnection connection) {
        connections.remove(connection.nodeId(), connection);
    }

    /**
     * Closes the connections of nodes revoked (or whose certificates expired) since their last frame, and of
     * nodes the control plane's policy now refuses (run at once when a new policy is applied).
     */
    private void sweep() {
        for (EdgeConnection c : List.copyOf(connections.values())) {
            if (!c.trusted()) {
                LOG.warn("security: closing the bridge connection of edge node {}: revoked or certificate no longer valid", c.nodeId());
                c.close("revoked or certificate no longer valid");
                continue;
            }
            EdgePolicy.refusal(NodePolicy.of(vertx), c.certificate(), bridgeOrg).ifPresent(refusal -> {
                LOG.warn("security: closing the bridge connection of edge node {}: {}", c.nodeId(), refusal);
                parts.meters().refused("policy");
                c.close("refused by " + refusal);
            });
        }
    }

    /** Edge nodes connected now. */
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public Future<?> stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        List.copyOf(connections.values()).forEach(c -> c.close("the bridge is stopping"));
        return server == null ? Future.succeededFuture() : server.close();
    }
}
