package io.edgecoder.portal.operator;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.OperatorAddresses;
import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.bridge.FrameReader;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One operator connection. Its first frame must be {@code auth} (a token, or none when a client
 * certificate already named the operator); anything else, a wrong token or silence past the
 * deadline closes the connection and counts as an authentication failure. Then: {@code send}
 * with a reply id to an address of {@link OperatorAddresses#REQUESTS} is forwarded as a bus
 * request whose {@code actor} field the bridge sets to the operator (whatever the client wrote),
 * answered by {@code reply} or {@code fail}; {@code register} of an address of
 * {@link OperatorAddresses#EVENTS} relays its events as {@code publish} frames; {@code ping} is
 * answered {@code pong}. A frame over the bound closes the connection after an {@code err} 413.
 * Confined to the bridge's event loop.
 */
final class OperatorSession {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSession.class);
    /** Requests one connection may have waiting for their answer. */
    static final int MAX_IN_FLIGHT = 32;
    /** Event addresses one connection may watch. */
    static final int MAX_WATCHES = 8;
    /** Refused frames after which the connection is closed. */
    static final int MAX_STRIKES = 20;

    private final OperatorParts parts;
    private final NetSocket socket;
    private final String certOperator;
    private final Consumer<OperatorSession> onClosed;
    private final FrameReader reader;
    private final Map<String, MessageConsumer<JsonObject>> watches = new HashMap<>();
    private String operator;
    private boolean authenticating;
    private boolean closed;
    private int inFlight;
    private int strikes;
    private long authTimer = -1;

    OperatorSession(OperatorParts parts, NetSocket socket, String certOperator, Consumer<OperatorSession> onClosed) {
        this.parts = parts;
        this.socket = socket;
        this.certOperator = certOperator;
        this.onClosed = onClosed;
        this.reader = new FrameReader(parts.config().maxFrameBytes(), this::onFrame, new FrameReader.Errors() {
            @Override
            public void malformed(String reason) {
                refuse("frame", ErrorCode.BAD_REQUEST, "malformed frame: " + reason, "frame");
            }

            @Override
            public void fatal(String reason) {
                parts.meters().refused("size");
                parts.refusals().log("operator:frame", "from " + socket.remoteAddress() + ": " + reason);
                write(Frame.err(ErrorCode.PAYLOAD_TOO_LARGE.status(), reason, "frame"));
                close(reason);
            }
        });
    }

    void start() {
        socket.handler(reader::handle);
        socket.closeHandler(v -> close("connection closed"));
        socket.exceptionHandler(e -> LOG.debug("operator connection from {}: {}", socket.remoteAddress(), e.getMessage()));
        authTimer = parts.vertx().setTimer(OperatorBridgeConfig.AUTH_DEADLINE.toMillis(), t -> {
            if (operator == null) {
                authFailed("no authentication within " + OperatorBridgeConfig.AUTH_DEADLINE.toSeconds() + " s");
            }
        });
    }

    private void onFrame(Frame frame) {
        if (closed) {
            return;
        }
        if (operator == null) {
            if (Frame.AUTH.equals(frame.type()) && !authenticating) {
                authenticate(frame.body() == null ? null : frame.body().getValue("token"));
            } else if (!authenticating) {
                authFailed("the first frame must be auth, not " + frame.type());
            }
            return;
        }
        switch (frame.type()) {
            case Frame.SEND -> request(frame);
            case Frame.REGISTER -> watch(frame.address());
            case Frame.UNREGISTER -> unwatch(frame.address());
            case Frame.PING -> write(Frame.pong());
            default -> refuse("frame", ErrorCode.BAD_REQUEST, "frame type '" + frame.type() + "' is not accepted here", frame.type());
        }
    }

    private void authenticate(Object token) {
        if (token == null && certOperator != null) {
            authenticated(certOperator);
            return;
        }
        if (!(token instanceof String text) || text.isEmpty() || text.length() > 4096) {
            authFailed("no operator token");
            return;
        }
        authenticating = true;
        parts.config().tokens().operator(text).onComplete(this::checked);
    }

    private void checked(AsyncResult<Optional<String>> result) {
        authenticating = false;
        if (closed) {
            return;
        }
        if (result.succeeded() && result.result().isPresent()) {
            authenticated(result.result().get());
        } else {
            authFailed(result.succeeded() ? "invalid operator token" : "the token could not be checked");
        }
    }

    private void authenticated(String name) {
        operator = name;
        parts.vertx().cancelTimer(authTimer);
        LOG.info("operator {} connected to the operator bridge from {}", name, socket.remoteAddress());
        write(Frame.authed(parts.node().copy().put("operator", name)));
    }

    private void authFailed(String reason) {
        parts.meters().refused("auth");
        LOG.warn("security: operator bridge refused a connection from {}: {}", socket.remoteAddress(), reason);
        write(Frame.err(ErrorCode.UNAUTHORIZED.status(), reason, "auth"));
        close("authentication failed");
    }

    /** A request to an allowed address, in the operator's name; its answer goes back under the same reply id. */
    private void request(Frame frame) {
        String id = frame.replyId();
        String address = frame.address();
        if (id == null) {
            refuse("frame", ErrorCode.BAD_REQUEST, "a request needs a replyId", "send");
        } else if (address == null || !OperatorAddresses.REQUESTS.contains(address)) {
            strike("address", "operator " + operator + " may not use " + address);
            write(Frame.fail(id, ErrorCode.FORBIDDEN.status(), "address " + address + " is not open to operators"));
        } else if (inFlight >= MAX_IN_FLIGHT) {
            parts.meters().refused("limit");
            write(Frame.fail(id, ErrorCode.OVERLOADED.status(), "more than " + MAX_IN_FLIGHT + " requests in flight"));
        } else {
            JsonObject body = frame.body() == null ? new JsonObject() : frame.body().copy();
            body.put("actor", OperatorAddresses.ACTOR_RECORD.contains(address)
                ? new JsonObject().put("account", operator).put("admin", true) : operator);
            inFlight++;
            parts.bus().request(address, body, JsonObject.class).onComplete(ar -> answered(id, ar));
        }
    }

    private void answered(String id, AsyncResult<JsonObject> result) {
        inFlight--;
        if (result.succeeded()) {
            parts.meters().request("ok");
            if (!write(Frame.reply(id, result.result()))) {
                write(Frame.fail(id, ErrorCode.PAYLOAD_TOO_LARGE.status(), "the answer is larger than the bridge's frame bound of "
                    + parts.config().maxFrameBytes() + " bytes; ask for less (a smaller --limit)"));
            }
            return;
        }
        parts.meters().request("failed");
        MeshException failure = BusClient.toMesh(result.cause());
        write(Frame.fail(id, failure.code().status(), failure.getMessage()));
    }

    private void watch(String address) {
        if (address == null || !OperatorAddresses.EVENTS.contains(address)) {
            refuse("address", ErrorCode.FORBIDDEN, "address " + address + " cannot be watched", String.valueOf(address));
            return;
        }
        if (watches.containsKey(address)) {
            write(Frame.registered(address));
            return;
        }
        if (watches.size() >= MAX_WATCHES) {
            refuse("limit", ErrorCode.OVERLOADED, "at most " + MAX_WATCHES + " watches per connection", address);
            return;
        }
        watches.put(address, null);
        parts.bus().consumer(address, JsonObject.class, body -> relay(address, body))
            .onSuccess(consumer -> watching(address, consumer))
            .onFailure(e -> refuse("bus", ErrorCode.UNAVAILABLE, "cannot watch " + address, address));
    }

    private void watching(String address, MessageConsumer<JsonObject> consumer) {
        if (closed || !watches.containsKey(address)) {
            consumer.unregister();
            return;
        }
        watches.put(address, consumer);
        write(Frame.registered(address));
    }

    /** An event for the operator; dropped (and logged) when the operator does not keep up reading. */
    private Future<Void> relay(String address, JsonObject body) {
        if (socket.writeQueueFull()) {
            LOG.debug("operator {} reads too slowly; an event of {} was dropped", operator, address);
        } else {
            write(Frame.publish(address, body));
        }
        return Future.succeededFuture();
    }

    private void unwatch(String address) {
        MessageConsumer<JsonObject> consumer = watches.remove(address);
        if (consumer != null) {
            consumer.unregister();
        }
    }

    private void refuse(String reason, ErrorCode code, String message, String about) {
        strike(reason, message);
        write(Frame.err(code.status(), message, about));
    }

    private void strike(String reason, String message) {
        parts.meters().refused(reason);
        parts.refusals().log("operator:" + reason, "operator " + operator + " from " + socket.remoteAddress() + ": " + message);
        if (++strikes > MAX_STRIKES) {
            parts.meters().refused("abuse");
            close("more than " + MAX_STRIKES + " refused frames");
        }
    }

    private boolean write(Frame frame) {
        if (closed) {
            return false;
        }
        Buffer bytes;
        try {
            bytes = FrameReader.encode(frame, parts.config().maxFrameBytes());
        } catch (IllegalArgumentException e) {
            return false;
        }
        socket.write(bytes);
        if (socket.writeQueueFull()) {
            socket.pause();
            socket.drainHandler(v -> socket.resume());
        }
        return true;
    }

    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        reader.stop();
        parts.vertx().cancelTimer(authTimer);
        watches.values().stream().filter(c -> c != null).forEach(MessageConsumer::unregister);
        watches.clear();
        if (operator != null) {
            LOG.info("operator {} disconnected from the operator bridge: {}", operator, reason);
        }
        socket.end();
        onClosed.accept(this);
    }
}
