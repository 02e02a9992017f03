package io.edgecoder.inference.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.inference.CallControl;
import io.edgecoder.inference.Completion;
import io.edgecoder.inference.ModelProvider;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs chat calls on this node's providers: at most {@code maxConcurrent} per provider (beyond:
 * 429), each bounded by the request timeout (504), stopped when the caller cancels or its stream
 * reader is gone. With {@code streamTo} every piece goes there as a {@link ChatChunk} ({@link ChunkStream}),
 * every call ends with one chunk marked done (the reply, or the error), and the reply follows it. The bookkeeping
 * (calls per provider, calls in flight) runs on the role's event loop; each call's provider stream, chunks, timers
 * and cancellation run on the loop {@link CallLoops} gives it, so many calls use every core.
 */
public final class LocalChat {
    private static final Logger LOG = LoggerFactory.getLogger(LocalChat.class);
    /** How long a chunk waits for its reader's acknowledgement before the next one goes anyway. */
    private static final Duration CHUNK_ACK = Duration.ofSeconds(5);
    /** How long a reader's fresh address may take to become known on this node. */
    private static final Duration READER_GRACE = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final BusClient bus;
    private final LocalModels models;
    private final String nodeId;
    private final String org;
    private final Duration requestTimeout;
    private final CallBilling billing;
    private final CallLoops loops;
    private final Map<String, Integer> busy = new HashMap<>();
    private final Map<String, Running> calls = new HashMap<>();

    /** A call in flight: how to stop it, and the loop it runs on. */
    private record Running(CallControl control, Context loop) {
    }

    public LocalChat(Vertx vertx, BusClient bus, LocalModels models, String nodeId, String org, Duration requestTimeout) {
        this(vertx, bus, models, nodeId, org, requestTimeout, CallBilling.OFF);
    }

    /** A node that reports each call its providers answered to the ledger ({@link CallBilling#served}), which pays it. */
    public LocalChat(Vertx vertx, BusClient bus, LocalModels models, String nodeId, String org, Duration requestTimeout,
                     CallBilling billing) {
        this(vertx, bus, models, nodeId, org, requestTimeout, billing, CallLoops.none(vertx.getOrCreateContext()));
    }

    /** Calls run on {@code loops}; constructed on the role's event loop. */
    public LocalChat(Vertx vertx, BusClient bus, LocalModels models, String nodeId, String org, Duration requestTimeout,
                     CallBilling billing, CallLoops loops) {
        this.loops = loops;
        this.billing = billing;
        this.vertx = vertx;
        this.bus = bus;
        this.models = models;
        this.nodeId = nodeId;
        this.org = org;
        this.requestTimeout = requestTimeout;
    }

    /** Calls in flight on this node (the heartbeat's load measure). */
    public int inFlight() {
        return calls.size();
    }

    /** The caller of {@code requestId} went away. */
    public void cancel(String requestId) {
        Running running = calls.get(requestId);
        if (running != null) {
            LOG.debug("chat {} cancelled by its caller", requestId);
            loops.runOn(running.loop(), running.control()::cancel);
        }
    }

    /** Serves {@code request} here; the request was checked by {@link ChatChecks}. */
    public Future<ChatReply> serve(ChatRequest request) {
        Context loop = loops.next();
        ChunkStream stream = request.streamTo() == null ? null
            : new ChunkStream(vertx, bus, request.requestId(), request.streamTo(), CHUNK_ACK, READER_GRACE);
        Future<ChatReply> reply;
        try {
            reply = start(request, stream, loop);
        } catch (MeshException refused) {
            reply = Future.failedFuture(refused);
        }
        return stream == null ? reply : reply.transform(ar -> loops.onLoop(loop,
                () -> stream.finish(ar.result(), ar.failed() ? BusClient.toMesh(ar.cause()) : null))
            .transform(v -> ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
    }

    private Future<ChatReply> start(ChatRequest request, ChunkStream stream, Context loop) {
        if (request.localOnly() && !org.equals(request.org())) {
            throw new MeshException(ErrorCode.FORBIDDEN, "node " + nodeId + " is not of org " + request.org()
                + " and may not serve its local-only request");
        }
        ModelProvider provider = models.providerFor(request).orElseThrow(() -> MeshException.notFound("model '" + request.model()
            + "' is not served on node " + nodeId + " for this request"));
        String name = provider.config().name();
        int running = busy.getOrDefault(name, 0);
        if (running >= provider.config().maxConcurrent()) {
            throw new MeshException(ErrorCode.OVERLOADED, "provider " + name + " on node " + nodeId + " is busy ("
                + running + " calls in flight)");
        }
        if (calls.containsKey(request.requestId())) {
            throw new MeshException(ErrorCode.CONFLICT, "requestId: a call with this id is already running");
        }
        if (provider.config().remote()) {
            LOG.info("cloud handoff: request {} job {} actor {} model {} to remote provider {} (allowed by the caller)",
                request.requestId(), request.jobId(), request.actor() == null ? null : request.actor().account(), request.model(), name);
        }
        return run(request, provider, stream, loop);
    }

    private Future<ChatReply> run(ChatRequest request, ModelProvider provider, ChunkStream stream, Context loop) {
        String name = provider.config().name();
        CallControl control = new CallControl();
        if (stream != null) {
            stream.onGone(() -> {
                LOG.debug("chat {}: nobody reads {} any more; stopping", request.requestId(), request.streamTo());
                control.cancel();
            });
        }
        busy.merge(name, 1, Integer::sum);
        Running running = new Running(control, loop);
        calls.put(request.requestId(), running);
        long started = System.nanoTime();
        return loops.onLoop(loop, () -> timed(request, provider, stream, control))
            .onComplete(ar -> {
                busy.merge(name, -1, Integer::sum);
                calls.remove(request.requestId(), running);
            })
            .map(done -> reply(request, name, done, (System.nanoTime() - started) / 1_000_000))
            .compose(reply -> billing.served(request, reply));
    }

    /** The provider call, bounded by the request timeout; on the call's loop (the timer fires there too). */
    private Future<Completion> timed(ChatRequest request, ModelProvider provider, ChunkStream stream, CallControl control) {
        String name = provider.config().name();
        long timer = vertx.setTimer(requestTimeout.toMillis(), t -> control.abort(new MeshException(ErrorCode.TIMEOUT,
            "provider " + name + " did not finish within " + requestTimeout.toSeconds() + " s")));
        return provider.chat(request, stream, control).onComplete(ar -> vertx.cancelTimer(timer));
    }

    private ChatReply reply(ChatRequest request, String provider, Completion done, long millis) {
        return new ChatReply(request.requestId(), request.model(), done.content(), done.promptTokens(), done.completionTokens(),
            done.finishReason(), nodeId, provider, millis);
    }
}
