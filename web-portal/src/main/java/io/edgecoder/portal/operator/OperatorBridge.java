package io.edgecoder.portal.operator;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.bridge.FrameReader;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.RefusalLog;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's way in for {@code edgecoder ctl}: a TCP server (127.0.0.1:4312 by default; TLS
 * with the node's certificate on any other address) speaking the bridge frames. A connection
 * authenticates first, with an operator token ({@link OperatorTokens}) or, over TLS, a client
 * certificate of the deployment CA for a core node with the portal or control role (nodes that
 * may act for an admin anyway); then it may make only the requests and watch only the events of
 * {@link io.edgecoder.core.address.OperatorAddresses} (see {@link OperatorSession}). Requests go
 * on the bus signed as this node, which is why the bridge runs on portal nodes only: other roles
 * refuse admin requests from anything else.
 */
public final class OperatorBridge extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorBridge.class);
    /** Operator connections held at once; more are turned away (429) rather than queued. */
    static final int MAX_CONNECTIONS = 64;

    private final OperatorBridgeConfig config;
    private final Set<OperatorSession> sessions = new HashSet<>();
    private BusAuth auth;
    private OperatorParts parts;
    private NetServer server;

    public OperatorBridge(OperatorBridgeConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        auth = BusAuth.of(vertx).orElse(null);
        if (config.tls() && auth == null) {
            return Future.failedFuture(new IllegalStateException(
                "the operator bridge on " + config.host() + " needs TLS, and this node has no certificate to serve it with"));
        }
        Caller self = auth == null ? Caller.UNAUTHENTICATED_LOCAL : auth.self();
        JsonObject node = new JsonObject().put("node", self.nodeId()).put("org", self.org())
            .put("roles", new JsonArray(self.roles().stream().sorted().map(Role::id).toList())).put("tls", config.tls());
        parts = new OperatorParts(vertx, config, new BusClient(vertx, config.requestTimeout()), new OperatorMeters(config.meters()),
            new RefusalLog(LOG), node);
        NetServerOptions options = new NetServerOptions().setIdleTimeout(config.idleSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
        if (config.tls()) {
            auth.credentials().serverOptions(options).setClientAuth(ClientAuth.REQUEST);
        }
        server = vertx.createNetServer(options).connectHandler(this::accept);
        return server.listen(config.port(), config.host()).recover(this::anyFreePort)
            .onSuccess(s -> LOG.info("operator bridge listening on {}:{} ({})", config.host(), s.actualPort(),
                config.tls() ? "TLS" : "loopback, plain TCP"));
    }

    /**
     * When the port is taken (another node on this machine has it), a free one: the launcher writes
     * it to the data directory, where {@code ctl --data-dir} finds it. The operator bridge is an
     * auxiliary port and should not keep a node from starting.
     */
    private Future<NetServer> anyFreePort(Throwable failure) {
        if (config.port() == 0) {
            return Future.failedFuture(failure);
        }
        LOG.warn("operator bridge: {}:{} is not available ({}); listening on a free port instead (see <data-dir>/operator.endpoint)",
            config.host(), config.port(), failure.getMessage());
        return server.listen(0, config.host());
    }

    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    /** Connections closed because authentication failed, since start. */
    public long authFailures() {
        return parts == null ? 0 : parts.meters().authFailures();
    }

    private void accept(NetSocket socket) {
        if (sessions.size() >= MAX_CONNECTIONS) {
            parts.meters().refused("limit");
            turnAway(socket, ErrorCode.OVERLOADED, "the operator bridge holds its maximum of " + MAX_CONNECTIONS + " connections");
            return;
        }
        String certOperator;
        try {
            certOperator = certificateOperator(socket).orElse(null);
        } catch (MeshException e) {
            parts.meters().refused("auth");
            LOG.warn("security: operator bridge refused a connection from {}: {}", socket.remoteAddress(), e.getMessage());
            turnAway(socket, ErrorCode.UNAUTHORIZED, e.getMessage());
            return;
        }
        OperatorSession session = new OperatorSession(parts, socket, certOperator, sessions::remove);
        sessions.add(session);
        session.start();
    }

    private void turnAway(NetSocket socket, ErrorCode code, String message) {
        socket.write(FrameReader.encode(Frame.err(code.status(), message, "auth"), config.maxFrameBytes()));
        socket.end();
    }

    /** The operator a TLS client certificate names, if one was presented; a certificate that does not qualify is refused. */
    private Optional<String> certificateOperator(NetSocket socket) {
        if (!config.tls()) {
            return Optional.empty();
        }
        X509Certificate x509;
        try {
            List<Certificate> chain = socket.peerCertificates();
            if (chain == null || chain.isEmpty() || !(chain.get(0) instanceof X509Certificate first)) {
                return Optional.empty();
            }
            x509 = first;
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        NodeCertificate cert = auth.trust().check(x509);
        if (cert.ring() != Ring.CORE || !(cert.has(Role.PORTAL) || cert.has(Role.CONTROL))) {
            throw new MeshException(ErrorCode.FORBIDDEN, "certificate of node " + cert.nodeId()
                + " is not a core certificate with the portal or control role");
        }
        return Optional.of("node:" + cert.nodeId());
    }

    @Override
    public Future<?> stop() {
        List.copyOf(sessions).forEach(s -> s.close("the bridge is stopping"));
        return server == null ? Future.succeededFuture() : server.close();
    }
}
