package io.edgecoder.portal.bridge;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.bridge.FrameReader;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.BusPolicy;
import io.edgecoder.core.trust.NodeCertificate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One edge node's TLS connection to the bridge, identified by the certificate it presented. It
 * may register only its own run address (the bridge then consumes that address on the bus and
 * hands each request over as a {@code send} frame with a reply id), and publish or send only to
 * {@link BusPolicy#EDGE_INBOUND}, naming itself; what it forwards carries no header of its own,
 * only the bridge's stamp ({@link BusAuth#EDGE}). Every frame first re-checks the certificate, so
 * a revocation closes the connection on the next frame. Confined to the bridge's event loop.
 */
final class EdgeConnection {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeConnection.class);
    /** Work handed to one edge node and not yet answered. */
    static final int MAX_PENDING = 256;
    /** How long unanswered work is remembered (longer than any job's timeout). */
    static final long PENDING_TTL_MS = 60 * 60 * 1000L;
    /** Refused frames within {@link #STRIKE_WINDOW_MS} after which the connection is closed as abusive. */
    static final int MAX_STRIKES = 50;
    static final long STRIKE_WINDOW_MS = 60_000;
    /** Publishes and sends an edge node may make per second, on average (heartbeats come about once a second). */
    static final int FORWARDS_PER_SECOND = 50;

    private final BridgeParts parts;
    private final NetSocket socket;
    private final NodeCertificate cert;
    private final String certBase64;
    private final Consumer<EdgeConnection> onClosed;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final FrameReader reader;
    private MessageConsumer<JsonObject> runConsumer;
    private boolean registering;
    private boolean closed;
    private long lastReplyId;
    private int strikes;
    private long strikeWindowStart;
    private double forwardTokens = FORWARDS_PER_SECOND;
    private long forwardRefill = System.nanoTime();

    private record Pending(Promise<JsonObject> promise, long timer) {
    }

    EdgeConnection(BridgeParts parts, NetSocket socket, NodeCertificate cert, String certBase64, Consumer<EdgeConnection> onClosed) {
        this.parts = parts;
        this.socket = socket;
        this.cert = cert;
        this.certBase64 = certBase64;
        this.onClosed = onClosed;
        this.reader = new FrameReader(parts.maxFrameBytes(), this::onFrame, new FrameReader.Errors() {
            @Override
            public void malformed(String reason) {
                refuse("frame", ErrorCode.BAD_REQUEST, "edge node " + nodeId() + " sent a malformed frame: " + reason, "frame");
            }

            @Override
            public void fatal(String reason) {
                parts.meters().refused("frame");
                close(reason);
            }
        });
    }

    void start() {
        socket.handler(reader::handle);
        socket.closeHandler(v -> close("connection closed"));
        socket.exceptionHandler(e -> LOG.debug("edge connection of {}: {}", nodeId(), e.getMessage()));
    }

    String nodeId() {
        return cert.nodeId();
    }

    NodeCertificate certificate() {
        return cert;
    }

    /** Whether the certificate is still valid and its node not revoked. */
    boolean trusted() {
        try {
            parts.trust().check(certBase64);
            return true;
        } catch (MeshException e) {
            return false;
        }
    }

    private void onFrame(Frame frame) {
        parts.meters().frameIn();
        if (closed) {
            return;
        }
        if (!trusted()) {
            close("its certificate is revoked or no longer valid");
            return;
        }
        java.util.Optional<String> refused = EdgePolicy.refusal(parts.vertx(), cert);
        if (refused.isPresent()) {
            close("refused by " + refused.get());
            return;
        }
        switch (frame.type()) {
            case Frame.REGISTER -> register(frame.address());
            case Frame.UNREGISTER -> unregister(frame.address());
            case Frame.PUBLISH, Frame.SEND -> forward(frame);
            case Frame.REPLY -> answered(frame);
            case Frame.FAIL -> failed(frame);
            case Frame.PING -> write(Frame.pong());
            default -> refuse("type", ErrorCode.BAD_REQUEST, "frame type '" + frame.type() + "' is not accepted from edge node " + nodeId(),
                frame.type());
        }
    }

    private void register(String address) {
        String own = WorkerAddresses.run(nodeId());
        if (!own.equals(address)) {
            refuse("address", ErrorCode.FORBIDDEN, "edge node " + nodeId() + " may register only its own run address " + own, address);
            return;
        }
        if (runConsumer != null || registering) {
            write(Frame.registered(own));
            return;
        }
        registering = true;
        parts.bus().consumer(own, JsonObject.class, this::deliver)
            .onSuccess(this::registered)
            .onFailure(e -> refuse("bus", ErrorCode.UNAVAILABLE, "cannot register " + own + " on the bus", own));
    }

    private void registered(MessageConsumer<JsonObject> consumer) {
        registering = false;
        if (closed) {
            consumer.unregister();
            return;
        }
        runConsumer = consumer;
        write(Frame.registered(consumer.address()));
    }

    private void unregister(String address) {
        if (runConsumer != null && runConsumer.address().equals(address)) {
            runConsumer.unregister();
            runConsumer = null;
        }
    }

    /** A run request from the bus for this edge node: handed over as a frame, answered by its reply or fail frame. */
    private Future<JsonObject> deliver(JsonObject body) {
        if (closed) {
            return Future.failedFuture(MeshException.unavailable("edge worker " + nodeId() + " is disconnected"));
        }
        if (pending.size() >= MAX_PENDING || socket.writeQueueFull()) {
            return Future.failedFuture(new MeshException(ErrorCode.OVERLOADED, "edge worker " + nodeId() + " has too much work in flight"));
        }
        String id = Long.toString(++lastReplyId);
        Promise<JsonObject> promise = Promise.promise();
        if (!write(Frame.send(WorkerAddresses.run(nodeId()), id, body))) {
            return Future.failedFuture(new MeshException(ErrorCode.PAYLOAD_TOO_LARGE, "work is larger than the bridge's frame bound"));
        }
        pending.put(id, new Pending(promise, parts.vertx().setTimer(PENDING_TTL_MS, t -> expire(id))));
        return promise.future();
    }

    private void expire(String id) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.promise().tryFail(new MeshException(ErrorCode.TIMEOUT, "edge worker " + nodeId() + " did not answer"));
        }
    }

    private void answered(Frame frame) {
        Pending p = take(frame);
        if (p == null) {
            return;
        }
        JsonObject body = frame.body() == null ? new JsonObject() : frame.body();
        Object worker = body.getValue("workerId");
        if (worker != null && !nodeId().equals(worker)) {
            p.promise().tryFail(MeshException.unavailable("edge worker " + nodeId() + " answered in another node's name"));
            refuse("identity", ErrorCode.FORBIDDEN, "a reply of node " + nodeId() + " may not name another worker", "reply");
            return;
        }
        p.promise().tryComplete(body);
    }

    private void failed(Frame frame) {
        Pending p = take(frame);
        if (p != null) {
            String reason = frame.message() == null ? "no reason given" : frame.message();
            p.promise().tryFail(new MeshException(ErrorCode.fromStatus(frame.code()), "edge worker " + nodeId() + ": " + reason));
        }
    }

    private Pending take(Frame frame) {
        Pending p = frame.replyId() == null ? null : pending.remove(frame.replyId());
        if (p == null) {
            refuse("reply", ErrorCode.BAD_REQUEST, "no work of edge node " + nodeId() + " is waiting for that reply id", "reply");
            return null;
        }
        parts.vertx().cancelTimer(p.timer());
        return p;
    }

    /** A publish or send to the mesh: allowed addresses only, in this node's own name, stamped by the bridge. */
    private void forward(Frame frame) {
        String address = frame.address();
        if (address == null || !BusPolicy.EDGE_INBOUND.contains(address)) {
            refuse("address", ErrorCode.FORBIDDEN, "edge node " + nodeId() + " may not use " + address, String.valueOf(address));
            return;
        }
        if (!takeForwardToken()) {
            refuse("rate", ErrorCode.OVERLOADED, "edge node " + nodeId() + " sends more than " + FORWARDS_PER_SECOND
                + " messages a second", address);
            return;
        }
        JsonObject body = frame.body() == null ? new JsonObject() : frame.body();
        if (!nodeId().equals(body.getValue("nodeId"))) {
            refuse("identity", ErrorCode.FORBIDDEN, "a message of node " + nodeId() + " must name it as nodeId, not "
                + clip(body.getValue("nodeId")), address);
            return;
        }
        Map<String, String> stamp = Map.of(BusAuth.EDGE, certBase64);
        if (Frame.PUBLISH.equals(frame.type())) {
            parts.bus().publish(address, body, stamp);
        } else {
            parts.bus().send(address, body, stamp);
        }
    }

    /** A token bucket of {@link #FORWARDS_PER_SECOND}, holding at most two seconds' worth. */
    private boolean takeForwardToken() {
        long now = System.nanoTime();
        forwardTokens = Math.min(2.0 * FORWARDS_PER_SECOND, forwardTokens + (now - forwardRefill) * FORWARDS_PER_SECOND / 1e9);
        forwardRefill = now;
        if (forwardTokens < 1) {
            return false;
        }
        forwardTokens -= 1;
        return true;
    }

    private void refuse(String reason, ErrorCode code, String message, String about) {
        parts.meters().refused(reason);
        parts.refusals().log("bridge:" + clip(about), message);
        write(Frame.err(code.status(), message, clip(about)));
        long now = System.currentTimeMillis();
        if (now - strikeWindowStart > STRIKE_WINDOW_MS) {
            strikeWindowStart = now;
            strikes = 0;
        }
        if (++strikes > MAX_STRIKES) {
            parts.meters().refused("abuse");
            close("more than " + MAX_STRIKES + " refused frames within a minute");
        }
    }

    /** Passes a publication for edge workers (a job's cancellation) to this node once it registered its run address. */
    void publish(String address, JsonObject body) {
        if (runConsumer != null && !closed) {
            write(Frame.publish(address, body));
        }
    }

    private boolean write(Frame frame) {
        if (closed) {
            return false;
        }
        Buffer bytes;
        try {
            bytes = FrameReader.encode(frame, parts.maxFrameBytes());
        } catch (IllegalArgumentException e) {
            return false;
        }
        socket.write(bytes);
        parts.meters().frameOut();
        if (socket.writeQueueFull()) {
            // A peer that does not read its answers stops being read from, so its frames cannot pile up here.
            socket.pause();
            socket.drainHandler(v -> socket.resume());
        }
        return true;
    }

    /** Closes the connection: its registration is removed and work it held fails over (503). */
    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        reader.stop();
        LOG.info("edge node {} disconnected from the bridge: {}", nodeId(), reason);
        if (runConsumer != null) {
            runConsumer.unregister();
            runConsumer = null;
        }
        pending.values().forEach(p -> {
            parts.vertx().cancelTimer(p.timer());
            p.promise().tryFail(MeshException.unavailable("edge worker " + nodeId() + " disconnected"));
        });
        pending.clear();
        socket.end(); // flushes the frames already written (the refusals that explain the cut-off), then closes
        onClosed.accept(this);
    }

    private static String clip(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
