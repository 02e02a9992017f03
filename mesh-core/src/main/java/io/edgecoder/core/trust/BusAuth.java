package io.edgecoder.core.trust;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Role;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.impl.OutboundDeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.impl.clustered.ClusteredMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sent a bus message, proven per message. Every message this node sends is signed with its
 * Ed25519 key and carries its current certificate ({@code ec-cert}, {@code ec-ts}, {@code ec-sig});
 * every message that arrives from another node is checked (CA signature, validity, revocation,
 * signature over address, time, edge stamp and body, freshness) and then held against
 * {@link BusPolicy}. A message that fails is not delivered: a request is answered 401/403 with the
 * reason, and the refusal is logged. The authenticated sender reaches handlers as a {@link Caller}.
 * Mutual TLS on the clustered bus keeps non-members off the wire; this layer tells members apart,
 * so a worker cannot settle, mint or submit even though it is in the cluster.
 *
 * <p>A message sent local-only ({@code DeliveryOptions.setLocalOnly}) is not signed: it cannot
 * leave this node, and a message that did not come off the wire is attributed to this node without
 * looking at a signature. Skipping the Ed25519 signature there (the most expensive step of a send)
 * costs no proof: were such a message ever to reach another node, it would arrive unsigned and be
 * refused.
 */
public final class BusAuth {
    static final String CERT = "ec-cert";
    static final String TIME = "ec-ts";
    static final String SIGNATURE = "ec-sig";
    /** Set by a bridge on messages it forwards for an edge node: that node's certificate (base64 DER). */
    public static final String EDGE = "ec-edge";
    private static final String REPLY_PREFIX = "__vertx.reply.";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(BusAuth.class);
    private static final Map<Vertx, BusAuth> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    private final NodeCredentials credentials;
    private final Clock clock;
    private final RefusalLog refusals = new RefusalLog(LOG);

    private BusAuth(NodeCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Signs what {@code vertx} sends and checks what it receives, from now on. Call before deploying roles. */
    public static BusAuth install(Vertx vertx, NodeCredentials credentials) {
        BusAuth auth = new BusAuth(credentials, Clock.systemUTC());
        vertx.eventBus().addOutboundInterceptor(auth::outbound);
        vertx.eventBus().addInboundInterceptor(auth::inbound);
        INSTALLED.put(vertx, auth);
        return auth;
    }

    /** The authentication installed on {@code vertx}, if any. */
    public static Optional<BusAuth> of(Vertx vertx) {
        return Optional.ofNullable(INSTALLED.get(vertx));
    }

    /**
     * The node id other nodes see as this node's (its certificate's), or the local unauthenticated
     * caller's id on a node without bus authentication: what {@link Caller#nodeId()} says of this
     * node's messages on the receiving side.
     */
    public static String nodeIdOf(Vertx vertx) {
        return of(vertx).map(auth -> auth.self().nodeId()).orElse(Caller.UNAUTHENTICATED_LOCAL.nodeId());
    }

    public NodeCredentials credentials() {
        return credentials;
    }

    public MeshTrust trust() {
        return credentials.trust();
    }

    /** This node as a caller. */
    public Caller self() {
        return Caller.of(credentials.certificate(), null);
    }

    private void outbound(DeliveryContext<Object> ctx) {
        Message<Object> message = ctx.message();
        if (!message.address().startsWith(REPLY_PREFIX) && !localOnly(ctx)) {
            sign(message.address(), message.headers(), ctx.body());
        }
        ctx.next();
    }

    /** Whether the message was sent local-only, so it is delivered inside this node and never goes on the wire. */
    private static boolean localOnly(DeliveryContext<Object> ctx) {
        return ctx instanceof OutboundDeliveryContext<?> out && out.options != null && out.options.isLocalOnly();
    }

    /** Adds this node's certificate, the time and its signature to {@code headers}. */
    public void sign(String address, MultiMap headers, Object body) {
        String time = Long.toString(clock.millis());
        headers.set(CERT, credentials.certificateBase64());
        headers.set(TIME, time);
        headers.set(SIGNATURE, Base64.getEncoder().encodeToString(
            credentials.identity().sign(digest(address, time, headers.get(EDGE), body))));
    }

    private void inbound(DeliveryContext<Object> ctx) {
        Message<Object> message = ctx.message();
        if (message.address().startsWith(REPLY_PREFIX)) {
            message.headers().remove(Caller.HEADER);
            ctx.next();
            return;
        }
        try {
            boolean remote = fromWire(message);
            Caller caller = authenticate(message.address(), message.headers(), remote ? message.body() : null, remote);
            BusPolicy.refusal(message.address(), caller).ifPresent(reason -> {
                throw new MeshException(ErrorCode.FORBIDDEN, reason);
            });
            caller.writeTo(message.headers());
            ctx.next();
        } catch (MeshException refused) {
            refuse(message, refused);
        } catch (RuntimeException malformed) {
            // A body or header that cannot be decoded must be answered, not dropped (the sender would wait out its timeout).
            refuse(message, new MeshException(ErrorCode.BAD_REQUEST, "malformed message: " + malformed.getClass().getSimpleName()));
        }
    }

    private void refuse(Message<Object> message, MeshException refused) {
        refusals.log(message.address(), refused.getMessage());
        if (message.replyAddress() != null) {
            message.fail(refused.code().status(), refused.getMessage());
        }
    }

    /**
     * The authenticated sender of a message to {@code address}. A message that came from another
     * node must carry a valid signature; one that never left this node is from this node, or from
     * the edge node a bridge on this node stamped.
     */
    Caller authenticate(String address, MultiMap headers, Object body, boolean fromWire) {
        headers.remove(Caller.HEADER);
        String edge = headers.get(EDGE);
        if (!fromWire) {
            return edge == null ? self() : Caller.of(trust().check(edge), credentials.certificate().nodeId());
        }
        NodeCertificate sender = checkSignature(address, headers, body);
        if (edge == null) {
            return Caller.of(sender, null);
        }
        if (!sender.has(Role.PORTAL)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "node " + sender.nodeId() + " is not a bridge and may not forward for edge nodes");
        }
        return Caller.of(trust().check(edge), sender.nodeId());
    }

    private NodeCertificate checkSignature(String address, MultiMap headers, Object body) {
        String cert = headers.get(CERT);
        String time = headers.get(TIME);
        String signature = headers.get(SIGNATURE);
        if (cert == null || time == null || signature == null) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "unsigned message");
        }
        NodeCertificate sender = trust().check(cert);
        checkFresh(time);
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "malformed signature");
        }
        if (!Ed25519Keys.verify(sender.rawPublicKey(), digest(address, time, headers.get(EDGE), body), sig)) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "bad signature from node " + sender.nodeId());
        }
        return sender;
    }

    private void checkFresh(String time) {
        long sent;
        try {
            sent = Long.parseLong(time);
        } catch (NumberFormatException e) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "malformed time");
        }
        if (Math.abs(clock.millis() - sent) > MAX_SKEW.toMillis()) {
            throw new MeshException(ErrorCode.UNAUTHORIZED, "message time is more than " + MAX_SKEW.toMinutes()
                + " minutes off this node's clock (replayed, or clocks out of sync)");
        }
    }

    private static boolean fromWire(Message<?> message) {
        return message instanceof ClusteredMessage<?, ?> clustered && clustered.isFromWire();
    }

    static byte[] digest(String address, String time, String edge, Object body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("ec1\n" + address + "\n" + time + "\n" + (edge == null ? "" : edge) + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(bodyBytes(body));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bodyBytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof Buffer buffer) {
            return buffer.getBytes();
        }
        String text = body instanceof JsonObject json ? json.encode()
            : body instanceof JsonArray array ? array.encode() : body.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
