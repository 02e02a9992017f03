package io.edgecoder.portal.live;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.AccountAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.message.CredentialsRevoked;
import io.edgecoder.core.trust.RefusalLog;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Secrets;
import io.edgecoder.portal.accounts.SessionService;
import io.edgecoder.portal.impl.ApiFailureHandler;
import io.edgecoder.portal.impl.HttpJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browsers' event-bus bridge at {@value #PATH}: SockJS (websocket transport) whose connect
 * needs a live session cookie and a same-origin {@code Origin}; outbound only the caller's own job
 * events and, for owners and admins, the dashboard; inbound nothing. Every bridge event is checked
 * again by {@link BrowserAccess} for the socket's account, a socket may send at most
 * {@value #FRAMES_PER_10S} frames in ten seconds, an account holds at most {@value #SOCKETS_PER_ACCOUNT}
 * sockets on a node, and a refusal is logged and answered with an error frame, never forwarded.
 * What a browser receives is the event's address and body only: the bus's headers (the sending
 * node's certificate and signature, the authenticated caller) are taken off every outbound frame.
 * A socket lives no longer than its session: when the session ends (sign-out, sign out everywhere,
 * a reset, an account change: {@link AccountAddresses#CREDENTIALS_REVOKED}) its sockets are closed,
 * and every {@value #RECHECK_MS} ms each socket's session is looked up again (expiry, a lost notice).
 */
public final class BrowserBridge {
    public static final String PATH = "/eventbus";
    static final int FRAMES_PER_10S = 100;
    static final int SOCKETS_PER_ACCOUNT = 20;
    /** Largest websocket frame and message a browser may send (a register frame is a few hundred bytes). */
    public static final int MAX_INBOUND_BYTES = 4096;
    static final long RECHECK_MS = 30_000;
    private static final String SESSION_ID = "edgecoder.bridge.session";
    private static final Logger LOG = LoggerFactory.getLogger(BrowserBridge.class);
    private static final Pattern USER_JOBS_REGEX = PortalAddresses.USER_JOBS;

    private final Vertx vertx;
    private final SessionService sessions;
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final Map<String, Integer> socketsPerAccount = new HashMap<>();
    private final Map<SockJSSocket, long[]> frames = new HashMap<>();
    private final Map<SockJSSocket, OpenSocket> open = new HashMap<>();
    private long recheckTimer = -1;

    /** A socket the bridge let in: its session (the id, held in memory only, and the key it is revoked by) and account. */
    private record OpenSocket(String sessionId, String sessionKey, String account) {
    }

    public BrowserBridge(Vertx vertx, SessionService sessions) {
        this.vertx = vertx;
        this.sessions = sessions;
    }

    /** Closes sockets whose session ends, from now on: hears revocations and re-checks every socket's session. */
    public Future<Void> watchSessions(BusClient bus) {
        recheckTimer = vertx.setPeriodic(RECHECK_MS, id -> recheck());
        return bus.consumer(AccountAddresses.CREDENTIALS_REVOKED, CredentialsRevoked.class, this::onRevoked).mapEmpty();
    }

    public void stop() {
        if (recheckTimer >= 0) {
            vertx.cancelTimer(recheckTimer);
        }
    }

    /** How many bridge sockets are open on this node. */
    public int openSockets() {
        return open.size();
    }

    private Future<Void> onRevoked(CredentialsRevoked revoked) {
        open.entrySet().stream()
            .filter(e -> "account".equals(revoked.kind()) ? e.getValue().account().equals(revoked.key())
                : "session".equals(revoked.kind()) && e.getValue().sessionKey().equals(revoked.key()))
            .map(Map.Entry::getKey).toList()
            .forEach(socket -> end(socket, "session ended"));
        return Future.succeededFuture();
    }

    private void recheck() {
        Map.copyOf(open).forEach((socket, s) -> sessions.resolve(s.sessionId()).onComplete(ar -> {
            if (ar.succeeded() && ar.result().isEmpty()) {
                end(socket, "session expired");
            }
        }));
    }

    private void end(SockJSSocket socket, String why) {
        OpenSocket s = open.remove(socket);
        if (s != null) {
            LOG.debug("closing an event-bus socket of account {}: {}", s.account(), why);
            socket.close();
        }
    }

    /** Mounts the session gate and the bridge on {@code router}. */
    public void mount(Router router) {
        router.route(PATH + "/*").handler(this::gate);
        SockJSHandler sockJs = SockJSHandler.create(vertx, new SockJSHandlerOptions()
            .setRegisterWriteHandler(false).setInsertJSESSIONID(false).setHeartbeatInterval(10_000)
            .addDisabledTransport("XHR").addDisabledTransport("EVENT_SOURCE").addDisabledTransport("HTML_FILE")
            .addDisabledTransport("JSON_P"));
        router.route(PATH + "/*").subRouter(sockJs.bridge(options(), this::event));
    }

    static SockJSBridgeOptions options() {
        return new SockJSBridgeOptions()
            .addOutboundPermitted(new PermittedOptions().setAddressRegex(USER_JOBS_REGEX.pattern()))
            .addOutboundPermitted(new PermittedOptions().setAddress(PortalAddresses.DASHBOARD))
            .setMaxAddressLength(200)
            .setMaxHandlersPerSocket(4)
            .setPingTimeout(30_000);
    }

    /** Lets through only a request with a live session and, when it names one, this portal's origin. */
    private void gate(RoutingContext ctx) {
        if (!sameOrigin(ctx)) {
            refusals.log("bridge:connect", "cross-origin connect from " + ctx.request().getHeader("Origin"));
            HttpJson.error(ctx, 403, HttpJson.errorName(io.edgecoder.core.ErrorCode.FORBIDDEN), "cross-origin event-bus connections are refused");
            return;
        }
        String id = sessions.sessionId(ctx);
        if (id == null) {
            ApiFailureHandler.unauthorized(ctx, "the event bus needs a signed-in session");
            return;
        }
        Future<Optional<Caller>> lookup = sessions.resolve(id);
        if (!lookup.isComplete()) {
            // The upgrade (or the SockJS handler) must still find the request unread after the lookup.
            ctx.request().pause();
        }
        lookup.onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else if (ar.result().isEmpty()) {
                ApiFailureHandler.unauthorized(ctx, "session expired or signed out; sign in again");
            } else {
                ctx.put(Caller.KEY, ar.result().get());
                ctx.put(SESSION_ID, id);
                ctx.next();
            }
        });
    }

    static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.request().getHeader("Host");
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void event(BridgeEvent event) {
        Caller caller = event.socket().routingContext() == null ? null : event.socket().routingContext().get(Caller.KEY);
        if (caller == null) {
            refuse(event, "?", "no authenticated session on this socket");
            event.socket().close();
            return;
        }
        BridgeEventType type = event.type();
        if (type == BridgeEventType.SOCKET_CREATED) {
            created(event, caller);
            return;
        }
        if (type == BridgeEventType.SOCKET_CLOSED) {
            closed(event, caller);
            return;
        }
        if (inbound(type) && tooFast(event.socket())) {
            refuse(event, caller.account(), "more than " + FRAMES_PER_10S + " frames in 10 s");
            event.socket().close();
            return;
        }
        if (carries(type) && !open.containsKey(event.socket())) {
            refuse(event, caller.account(), "the socket's session has ended");
            return;
        }
        String address = event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
        Optional<String> refusal = BrowserAccess.refusal(type, address, caller);
        if (refusal.isPresent()) {
            refuse(event, caller.account(), refusal.get());
            return;
        }
        if (type == BridgeEventType.RECEIVE) {
            // The frame written is this very object: a browser gets address and body, never the bus's headers.
            event.getRawMessage().remove("headers");
            event.getRawMessage().remove("replyAddress");
        }
        event.complete(true);
    }

    private void created(BridgeEvent event, Caller caller) {
        if (!admit(caller)) {
            refuse(event, caller.account(), "at most " + SOCKETS_PER_ACCOUNT + " event-bus connections per account");
            return;
        }
        String sessionId = event.socket().routingContext().get(SESSION_ID);
        open.put(event.socket(), new OpenSocket(sessionId, Secrets.hashText("session", sessionId), caller.account()));
        event.complete(true);
    }

    private static boolean carries(BridgeEventType type) {
        return type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH || type == BridgeEventType.REGISTER
            || type == BridgeEventType.RECEIVE;
    }

    private static boolean inbound(BridgeEventType type) {
        return type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH || type == BridgeEventType.REGISTER
            || type == BridgeEventType.UNREGISTER || type == BridgeEventType.SOCKET_PING;
    }

    private boolean admit(Caller caller) {
        int now = socketsPerAccount.getOrDefault(caller.account(), 0);
        if (now >= SOCKETS_PER_ACCOUNT) {
            return false;
        }
        socketsPerAccount.put(caller.account(), now + 1);
        return true;
    }

    private void closed(BridgeEvent event, Caller caller) {
        open.remove(event.socket());
        frames.remove(event.socket());
        socketsPerAccount.computeIfPresent(caller.account(), (k, n) -> n <= 1 ? null : n - 1);
        event.complete(true);
    }

    /** A fixed ten-second window per socket: {@code [window start ms, frames]}. */
    private boolean tooFast(SockJSSocket socket) {
        long now = System.currentTimeMillis();
        long[] window = frames.computeIfAbsent(socket, k -> new long[] {now, 0});
        if (now - window[0] >= 10_000) {
            window[0] = now;
            window[1] = 0;
        }
        return ++window[1] > FRAMES_PER_10S;
    }

    private void refuse(BridgeEvent event, String account, String reason) {
        refusals.log("bridge:browser", "account " + account + ": " + reason);
        event.complete(false);
    }
}
