package io.edgecoder.core;

import io.edgecoder.core.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed event-bus client: the only code that touches delivery options, timeouts and JSON
 * conversion. Requests carry records and resolve to records; failures arrive as
 * {@link MeshException} with a stable {@link ErrorCode} (a bus timeout or a missing handler
 * becomes {@link ErrorCode#UNAVAILABLE}). Consumers return a Future whose result is the reply;
 * a {@link MeshException} becomes a failed reply with its code, anything else is logged once
 * with a correlation id and answered as {@link ErrorCode#INTERNAL}.
 */
public final class BusClient {
    private static final Logger LOG = LoggerFactory.getLogger(BusClient.class);

    private final EventBus bus;
    private final Duration defaultTimeout;

    public BusClient(Vertx vertx, Duration defaultTimeout) {
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("bus timeout must be positive");
        }
        this.bus = vertx.eventBus();
        this.defaultTimeout = defaultTimeout;
    }

    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** Request with the default timeout. */
    public <T> Future<T> request(String address, Object body, Class<T> replyType) {
        return request(address, body, replyType, defaultTimeout);
    }

    /** Request with an explicit timeout. */
    public <T> Future<T> request(String address, Object body, Class<T> replyType, Duration timeout) {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(Math.max(1, timeout.toMillis()));
        return bus.<JsonObject>request(address, Json.toJson(body), options)
            .recover(BusClient::toMeshFailure)
            .map(reply -> Json.fromJson(reply.body(), replyType));
    }

    /**
     * A request answered by a consumer on this node when it has one (sent local-only: not signed, it
     * never leaves the node), else through the cluster as {@link #request}. Only for addresses whose
     * consumers all answer alike (any inference role routes a chat the same way), where the nearest
     * one is as good as any.
     */
    public <T> Future<T> requestLocalFirst(String address, Object body, Class<T> replyType, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        JsonObject json = Json.toJson(body);
        return bus.<JsonObject>request(address, json, new DeliveryOptions().setSendTimeout(millis).setLocalOnly(true))
            .recover(failure -> failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS
                ? bus.<JsonObject>request(address, json, new DeliveryOptions().setSendTimeout(millis))
                : Future.failedFuture(failure))
            .recover(BusClient::toMeshFailure)
            .map(reply -> Json.fromJson(reply.body(), replyType));
    }

    /**
     * A request that is safe to repeat (it changes nothing, or the handler is idempotent): on a
     * retryable failure (no reply in time, no handler, overloaded) it is sent again, up to
     * {@code attempts} times in all. Vert.x picks handlers round-robin, so a repeat reaches the next
     * one: a consumer that cannot be delivered to (a node gone, or a registration a non-member
     * planted in the cluster's subscription map) costs one timeout, not the request.
     */
    public <T> Future<T> requestIdempotent(String address, Object body, Class<T> replyType, int attempts) {
        return request(address, body, replyType).recover(failure -> {
            MeshException mesh = toMesh(failure);
            if (attempts <= 1 || !mesh.code().retryable()) {
                return Future.failedFuture(mesh);
            }
            LOG.warn("request to {} failed ({}); trying again", address, mesh.getMessage());
            return requestIdempotent(address, body, replyType, attempts - 1);
        });
    }

    /**
     * Point-to-point message that tells whether anyone took it: fails with a
     * {@link MeshException#noHandler()} failure when nothing consumes {@code address} (a stream's
     * reader went away), or with the consumer's code when it refused the message; succeeds when
     * the consumer acknowledged it or did not answer within {@code timeout}. Messages to one
     * address from one sender arrive in the order sent, as with {@link #send}.
     */
    public Future<Void> deliver(String address, Object body, Duration timeout) {
        return deliver(address, body, new DeliveryOptions().setSendTimeout(Math.max(1, timeout.toMillis())));
    }

    /**
     * {@link #deliver} to a consumer on this node only: fails with a {@link MeshException#noHandler()}
     * failure when this node has none (the consumer may be on another node). The message never
     * leaves this node, so it is not signed (see {@link io.edgecoder.core.trust.BusAuth}): the cheap way
     * for a stream whose reader sits on the same node.
     */
    public Future<Void> deliverLocal(String address, Object body, Duration timeout) {
        return deliver(address, body, new DeliveryOptions().setSendTimeout(Math.max(1, timeout.toMillis())).setLocalOnly(true));
    }

    private Future<Void> deliver(String address, Object body, DeliveryOptions options) {
        return bus.<JsonObject>request(address, Json.toJson(body), options)
            .<Void>mapEmpty()
            .recover(failure -> failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT
                ? Future.succeededFuture() : toMeshFailure(failure));
    }

    /** Point-to-point message without a reply. */
    public void send(String address, Object body) {
        bus.send(address, Json.toJson(body));
    }

    /**
     * {@link #send} to a consumer on this node only (dropped when there is none). It never leaves
     * this node, so it is not signed (see {@link io.edgecoder.core.trust.BusAuth}).
     */
    public void sendLocal(String address, Object body) {
        bus.send(address, Json.toJson(body), new DeliveryOptions().setLocalOnly(true));
    }

    /** Publish to every consumer of the address, cluster-wide. */
    public void publish(String address, Object body) {
        bus.publish(address, Json.toJson(body));
    }

    /** Publish to the consumers of the address inside this Vert.x instance only (node-local notices). */
    public void publishLocal(String address, Object body) {
        bus.publish(address, Json.toJson(body), new DeliveryOptions().setLocalOnly(true));
    }

    /**
     * Publish carrying {@code headers}: for a bridge, whose only header is the edge stamp
     * ({@link io.edgecoder.core.trust.BusAuth#EDGE}) that makes receivers attribute the message to an edge node.
     */
    public void publish(String address, Object body, Map<String, String> headers) {
        bus.publish(address, Json.toJson(body), withHeaders(headers));
    }

    /** Point-to-point message without a reply, carrying {@code headers} (see {@link #publish(String, Object, Map)}). */
    public void send(String address, Object body, Map<String, String> headers) {
        bus.send(address, Json.toJson(body), withHeaders(headers));
    }

    private static DeliveryOptions withHeaders(Map<String, String> headers) {
        DeliveryOptions options = new DeliveryOptions();
        headers.forEach(options::addHeader);
        return options;
    }

    /** Cluster-wide consumer whose handler's result is the reply. */
    public <Q> Future<MessageConsumer<JsonObject>> consumer(
            String address, Class<Q> requestType, Function<Q, Future<?>> handler) {
        MessageConsumer<JsonObject> consumer = bus.consumer(address);
        consumer.handler(message -> handle(message, requestType, handler));
        return consumer.completion().map(v -> consumer);
    }

    /**
     * Cluster-wide consumer whose handler also receives the authenticated sender (see
     * {@link io.edgecoder.core.trust.BusAuth}): for handlers that must tie a message to who sent it.
     */
    public <Q> Future<MessageConsumer<JsonObject>> consumer(
            String address, Class<Q> requestType, BiFunction<Q, Caller, Future<?>> handler) {
        MessageConsumer<JsonObject> consumer = bus.consumer(address);
        consumer.handler(message -> handle(message, requestType, q -> handler.apply(q, Caller.of(message))));
        return consumer.completion().map(v -> consumer);
    }

    /** Consumer visible only inside this Vert.x instance. */
    public <Q> Future<MessageConsumer<JsonObject>> localConsumer(
            String address, Class<Q> requestType, Function<Q, Future<?>> handler) {
        MessageConsumer<JsonObject> consumer = bus.localConsumer(address);
        consumer.handler(message -> handle(message, requestType, handler));
        return consumer.completion().map(v -> consumer);
    }

    private static <Q> void handle(Message<JsonObject> message, Class<Q> type, Function<Q, Future<?>> handler) {
        Future<?> result;
        try {
            result = handler.apply(Json.fromJson(message.body(), type));
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            if (message.replyAddress() == null) {
                if (ar.failed()) {
                    logUnexpected(message.address(), ar.cause());
                }
                return;
            }
            if (ar.succeeded()) {
                message.reply(Json.toJson(ar.result()));
            } else {
                fail(message, ar.cause());
            }
        });
    }

    private static void fail(Message<?> message, Throwable cause) {
        if (cause instanceof MeshException mesh) {
            message.fail(mesh.code().status(), mesh.getMessage());
        } else {
            String ref = logUnexpected(message.address(), cause);
            message.fail(ErrorCode.INTERNAL.status(), "internal error (ref " + ref + ")");
        }
    }

    private static String logUnexpected(String address, Throwable cause) {
        String ref = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("unexpected failure on {} (ref {})", address, ref, cause);
        return ref;
    }

    /** Maps a bus failure to a {@link MeshException}; other failures pass through unchanged. */
    public static <T> Future<T> toMeshFailure(Throwable failure) {
        return Future.failedFuture(toMesh(failure));
    }

    /** The {@link MeshException} equivalent of any failure seen on the bus. */
    public static MeshException toMesh(Throwable failure) {
        if (failure instanceof MeshException mesh) {
            return mesh;
        }
        if (failure instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case TIMEOUT -> new MeshException(ErrorCode.UNAVAILABLE, "no reply in time from a required service");
                case NO_HANDLERS -> MeshException.noHandlerFor("a required service is not running");
                default -> new MeshException(ErrorCode.fromStatus(reply.failureCode()), reply.getMessage());
            };
        }
        String ref = logUnexpected("(local)", failure);
        return new MeshException(ErrorCode.INTERNAL, "internal error (ref " + ref + ")");
    }
}
