package io.edgecoder.inference.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing half of the inference role: takes a chat from any caller, picks a node that serves
 * the model and that the request's locality allows (this node first, then the least loaded),
 * and hands it over: to {@link LocalChat} here, or to the node's serve address. A node that is
 * gone (no handler) costs nothing: the next candidate is tried, as is the next one after a busy
 * or down provider when nothing was streamed yet.
 */
public final class ChatRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ChatRouter.class);
    private static final int MAX_TRIES = 3;

    private final BusClient bus;
    private final ModelTable table;
    private final LocalChat local;
    private final String nodeId;
    private final String org;
    private final Duration forwardTimeout;
    private final CallBilling billing;
    private final int defaultMaxTokens;
    private final Map<String, Integer> pending = new HashMap<>();
    private final Map<String, String> pinnedClasses;

    public ChatRouter(BusClient bus, ModelTable table, LocalChat local, String nodeId, String org, Duration requestTimeout) {
        this(bus, table, local, nodeId, org, requestTimeout, CallBilling.OFF);
    }

    /** A router that pays each call through the ledger before it reaches a model ({@link CallBilling}); calls capped at 1024 tokens. */
    public ChatRouter(BusClient bus, ModelTable table, LocalChat local, String nodeId, String org, Duration requestTimeout,
                      CallBilling billing) {
        this(bus, table, local, nodeId, org, requestTimeout, billing, Map.of());
    }

    /**
     * A router that escrows each call, pricing the models named in {@code pinnedClasses} ({@code inference.model.classes})
     * by the class pinned there rather than by the size nodes advertise; calls capped at 1024 tokens.
     */
    public ChatRouter(BusClient bus, ModelTable table, LocalChat local, String nodeId, String org, Duration requestTimeout,
                      CallBilling billing, Map<String, String> pinnedClasses) {
        this(bus, table, local, nodeId, org, requestTimeout, billing, pinnedClasses, 1024);
    }

    /**
     * A router that pays each call ({@link CallBilling}) at the pinned classes, and gives a call without {@code maxTokens}
     * the explicit cap {@code defaultMaxTokens} ({@code inference.default.max.tokens}): the provider is sent it, the
     * escrow covers it.
     */
    public ChatRouter(BusClient bus, ModelTable table, LocalChat local, String nodeId, String org, Duration requestTimeout,
                      CallBilling billing, Map<String, String> pinnedClasses, int defaultMaxTokens) {
        this.pinnedClasses = Map.copyOf(pinnedClasses);
        this.billing = billing;
        this.defaultMaxTokens = defaultMaxTokens;
        this.bus = bus;
        this.table = table;
        this.local = local;
        this.nodeId = nodeId;
        this.org = org;
        this.forwardTimeout = requestTimeout.plusSeconds(15);
    }

    /** MODELS: what the table lists for the request's locality. */
    public ModelListReply models(ModelListRequest request) {
        if (request != null && request.localOnly() && (request.org() == null || request.org().isBlank())) {
            throw MeshException.badRequest("org: required for a local-only list");
        }
        return new ModelListReply(table.visible(request, System.currentTimeMillis()));
    }

    /**
     * CHAT, arriving on {@code InferenceAddresses.CHAT} ({@code orgScoped} false) or on this org's
     * own chat address. A local-only request for another org on the mesh-wide address is refused.
     */
    public Future<ChatReply> chat(ChatRequest asked, boolean orgScoped) {
        ChatRequest request = asked != null && asked.maxTokens() == null ? asked.withMaxTokens(defaultMaxTokens) : asked;
        try {
            ChatChecks.check(request);
            if (request.localOnly() && !orgScoped && !org.equals(request.org())) {
                throw MeshException.badRequest("a local-only chat must be sent to InferenceAddresses.chat(org, true), not to "
                    + InferenceAddresses.CHAT);
            }
        } catch (MeshException bad) {
            return terminal(request, bad);
        }
        List<ModelTable.Candidate> candidates = table.candidates(request, nodeId, pending, System.currentTimeMillis());
        if (candidates.isEmpty()) {
            return terminal(request, notServed(request));
        }
        long sizeBytes = table.sizeBytes(request.model(), candidates);
        return billing.authorize(request, sizeBytes, pinnedClasses.get(request.model())).transform(escrowed -> escrowed.failed()
            ? terminal(request, BusClient.toMesh(escrowed.cause()))
            : attempt(request, candidates, 0).recover(failure -> unpaid(request, failure))
                .onComplete(outcome -> billing.finished(request, outcome)));
    }

    /**
     * A call that failed wherever it was tried costs nothing: its escrow goes back. Not on a conflict (a second call
     * with the same id, whose escrow is the first one's).
     */
    private Future<ChatReply> unpaid(ChatRequest request, Throwable failure) {
        MeshException mesh = BusClient.toMesh(failure);
        if (mesh.code() != ErrorCode.CONFLICT) {
            billing.failed(request, mesh);
        }
        return Future.failedFuture(failure);
    }

    private MeshException notServed(ChatRequest request) {
        if (!request.localOnly() && table.onlyRemote(request.model())) {
            return MeshException.notFound("model '" + request.model() + "' is served only by a remote provider; name it in"
                + " allowRemote to hand this request off");
        }
        return MeshException.notFound("model '" + request.model() + "' is not served by any node this request may use"
            + (request.localOnly() ? " (local-only: nodes of org " + request.org() + ")" : ""));
    }

    private Future<ChatReply> attempt(ChatRequest request, List<ModelTable.Candidate> candidates, int index) {
        ModelTable.Candidate target = candidates.get(index);
        if (target.remote()) {
            LOG.info("cloud handoff: request {} job {} model {} routed to node {} for remote provider {}", request.requestId(),
                request.jobId(), request.model(), target.nodeId(), request.allowRemote());
        }
        long started = System.nanoTime();
        return send(request, target).recover(failure -> {
            MeshException mesh = BusClient.toMesh(failure);
            boolean neverArrived = mesh.noHandler();
            boolean retryable = neverArrived || request.streamTo() == null
                && (mesh.code() == ErrorCode.OVERLOADED || mesh.code() == ErrorCode.UNAVAILABLE);
            if (retryable && index + 1 < Math.min(candidates.size(), MAX_TRIES)) {
                LOG.debug("chat {}: node {} failed ({}); trying the next", request.requestId(), target.nodeId(), mesh.getMessage());
                return attempt(request, candidates, index + 1);
            }
            boolean lost = neverArrived || System.nanoTime() - started >= forwardTimeout.toNanos();
            return lost ? terminal(request, neverArrived ? MeshException.unavailable("no node serving model '" + request.model()
                + "' could be reached") : new MeshException(ErrorCode.TIMEOUT, "the node serving this request was lost"))
                : Future.failedFuture(mesh);
        });
    }

    private Future<ChatReply> send(ChatRequest request, ModelTable.Candidate target) {
        if (target.nodeId().equals(nodeId)) {
            return local.serve(request);
        }
        pending.merge(target.nodeId(), 1, Integer::sum);
        return bus.request(InferenceAddresses.serve(target.nodeId()), request, ChatReply.class, forwardTimeout)
            .onComplete(ar -> pending.computeIfPresent(target.nodeId(), (k, v) -> v > 1 ? v - 1 : null));
    }

    /** Fails with {@code failure}, telling a stream reader too (the serving node never got to). */
    private Future<ChatReply> terminal(ChatRequest request, MeshException failure) {
        if (ChatChecks.usableStream(request) && request.requestId() != null) {
            bus.send(request.streamTo(), new ChatChunk(request.requestId(), 0, "", true, null, failure.code().status(),
                failure.getMessage()));
        }
        return Future.failedFuture(failure);
    }
}
