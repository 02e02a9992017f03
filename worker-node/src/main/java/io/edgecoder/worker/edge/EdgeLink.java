package io.edgecoder.worker.edge;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.JobCancelEvent;
import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.bridge.FrameReader;
import io.edgecoder.core.trust.NodeCertificate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An edge worker's link to the mesh: a TLS connection to a bridge with this node's edge
 * certificate, trusting only the deployment CA and accepting only a bridge whose certificate has
 * the portal role. It registers this node's run address, hands work arriving as frames to the
 * local worker role and sends its answer back, and relays the worker's heartbeats while the link
 * is up (while it is down they are dropped, so coordinators forget this worker). Reconnects with
 * exponential back-off and logs when the link goes down and comes back.
 */
public final class EdgeLink extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeLink.class);
    private static final long PING_MS = 20_000;
    private static final Duration RUN_MARGIN = Duration.ofSeconds(60);

    private final EdgeLinkConfig config;
    private BusClient bus;
    private NetClient client;
    private NetSocket socket;
    private volatile boolean up;
    private boolean stopping;
    private long backoffMs;
    private int failedAttempts;
    private long pingTimer = -1;
    private long retryTimer = -1;

    public EdgeLink(EdgeLinkConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        bus = new BusClient(vertx, Duration.ofSeconds(10));
        NetClientOptions options = new NetClientOptions().setConnectTimeout(10_000).setHostnameVerificationAlgorithm("");
        client = vertx.createNetClient(config.credentials().clientOptions(options));
        backoffMs = config.minBackoff().toMillis();
        pingTimer = vertx.setPeriodic(PING_MS, id -> write(socket, Frame.ping()));
        return bus.localConsumer(CoordinatorAddresses.WORKER_HEARTBEAT, JsonObject.class, this::heartbeat)
            .onSuccess(c -> connect());
    }

    /** Whether the link is connected and registered. */
    public boolean up() {
        return up;
    }

    private Future<Void> heartbeat(JsonObject heartbeat) {
        if (up && config.nodeId().equals(heartbeat.getValue("nodeId"))) {
            write(socket, Frame.publish(CoordinatorAddresses.WORKER_HEARTBEAT, heartbeat));
        }
        return Future.succeededFuture();
    }

    private void connect() {
        retryTimer = -1;
        if (!stopping) {
            client.connect(config.port(), config.host())
                .onSuccess(this::connected)
                .onFailure(e -> retry("cannot connect: " + e.getMessage()));
        }
    }

    private void connected(NetSocket s) {
        try {
            checkBridge(s);
        } catch (RuntimeException e) {
            s.close();
            retry("the server is not a bridge of this deployment: " + e.getMessage());
            return;
        }
        socket = s;
        FrameReader reader = new FrameReader(config.maxFrameBytes(), this::onFrame, new FrameReader.Errors() {
            @Override
            public void malformed(String reason) {
                LOG.warn("edge link: skipped a malformed frame from the bridge: {}", reason);
            }

            @Override
            public void fatal(String reason) {
                LOG.warn("edge link: closing, the bridge sent an unreadable stream: {}", reason);
                s.close();
            }
        });
        s.handler(reader::handle);
        s.closeHandler(v -> lost(s));
        write(s, Frame.register(WorkerAddresses.run(config.nodeId())));
    }

    /** The bridge must present a current certificate from the deployment CA with the portal role. */
    private void checkBridge(NetSocket s) {
        X509Certificate x509;
        try {
            x509 = (X509Certificate) s.peerCertificates().get(0);
        } catch (SSLPeerUnverifiedException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("no server certificate");
        }
        NodeCertificate cert = config.credentials().trust().check(x509);
        if (!cert.has(Role.PORTAL)) {
            throw new IllegalStateException("node " + cert.nodeId() + " has no portal role");
        }
    }

    private void onFrame(Frame frame) {
        switch (frame.type()) {
            case Frame.REGISTERED -> linkUp();
            case Frame.SEND -> relay(frame);
            case Frame.PUBLISH -> cancelled(frame);
            case Frame.ERR -> LOG.warn("edge link: the bridge refused a frame ({}): {}", frame.code(), frame.message());
            case Frame.PING -> write(socket, Frame.pong());
            default -> LOG.debug("edge link: ignored a {} frame", frame.type());
        }
    }

    private void linkUp() {
        if (!up) {
            up = true;
            backoffMs = config.minBackoff().toMillis();
            LOG.info("edge link up: node {} registered at the bridge {}:{}{}", config.nodeId(), config.host(), config.port(),
                failedAttempts == 0 ? "" : " after " + failedAttempts + " failed attempts");
            failedAttempts = 0;
        }
    }

    /** Work from the bridge: a request to the local worker role, answered on the connection it came from. */
    private void relay(Frame frame) {
        NetSocket from = socket;
        if (frame.replyId() == null) {
            return;
        }
        if (!WorkerAddresses.run(config.nodeId()).equals(frame.address()) || frame.body() == null) {
            write(from, Frame.fail(frame.replyId(), 400, "work must be addressed to this node's run address, with a body"));
            return;
        }
        bus.request(frame.address(), frame.body(), JsonObject.class, runTimeout(frame.body()))
            .onSuccess(reply -> write(from, Frame.reply(frame.replyId(), reply)))
            .onFailure(e -> {
                MeshException failure = BusClient.toMesh(e);
                write(from, Frame.fail(frame.replyId(), failure.code().status(), failure.getMessage()));
            });
    }

    /** The bridge passes on a job's cancellation: the local worker kills its runs of the job, as a core worker does. */
    private void cancelled(Frame frame) {
        if (Frame.PUBLISH.equals(frame.type()) && WorkerAddresses.JOB_CANCEL.equals(frame.address()) && frame.body() != null) {
            String jobId = frame.body().getString("jobId");
            if (jobId != null) {
                bus.publish(WorkerAddresses.JOB_CANCEL, new JobCancelEvent(jobId));
            }
        }
    }

    private static Duration runTimeout(JsonObject request) {
        Object seconds = request.getValue("timeoutSeconds");
        long s = seconds instanceof Number n ? Math.max(1, Math.min(600, n.longValue())) : 600;
        return Duration.ofSeconds(s).plus(RUN_MARGIN);
    }

    private void write(NetSocket s, Frame frame) {
        if (s == null || s != socket) {
            return;
        }
        try {
            s.write(FrameReader.encode(frame, config.maxFrameBytes()));
        } catch (IllegalArgumentException e) {
            LOG.warn("edge link: a {} frame is larger than the frame bound; not sent", frame.type());
            if (frame.replyId() != null && !Frame.FAIL.equals(frame.type())) {
                write(s, Frame.fail(frame.replyId(), 413, "the answer is larger than the bridge's frame bound"));
            }
        }
    }

    private void lost(NetSocket s) {
        if (s != socket) {
            return;
        }
        socket = null;
        boolean wasUp = up;
        up = false;
        retry(wasUp ? "the connection to the bridge was lost" : "the bridge closed the connection before registration");
    }

    private void retry(String reason) {
        if (stopping || retryTimer >= 0) {
            return;
        }
        long delay = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(backoffMs * 2, config.maxBackoff().toMillis());
        // The first failure is worth a warning; the attempts after it only while debugging (the next "up" line counts them).
        if (failedAttempts++ == 0) {
            LOG.warn("edge link down: {}; heartbeats are held until it is back; reconnecting to {}:{} with back-off up to {} ms",
                reason, config.host(), config.port(), config.maxBackoff().toMillis());
        } else {
            LOG.debug("edge link still down: {}; next attempt in {} ms", reason, delay);
        }
        retryTimer = vertx.setTimer(Math.max(1, delay), id -> connect());
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(pingTimer);
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        if (socket != null) {
            socket.close();
        }
        return client.close();
    }
}
