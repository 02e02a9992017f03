package io.edgecoder.inference.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.InferenceUsageReply;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference role's side of settlement (docs/inference.md, "Settlement"): the routing node admits a call on the
 * account's standing allowance ({@link AllowanceBook}: the model starts at once, the call is drawn on the ledger
 * meanwhile) or, without one, escrows its most cost on the ledger before any model is called ({@link #authorize}; 402
 * when the payer cannot cover it), and returns it when the call failed everywhere ({@link #failed}); the serving node
 * reports what its provider used ({@link #served}), which pays it. Off ({@link #OFF}) in a deployment without a
 * ledger: calls are then free.
 */
public final class CallBilling {
    private static final Logger LOG = LoggerFactory.getLogger(CallBilling.class);
    /** No settlement: every call is free and replies carry no charge. */
    public static final CallBilling OFF = new CallBilling(null, null);
    /** Waits before a usage report is sent again when the ledger has not recorded the call yet (its draw is on its way). */
    private static final List<Long> NOT_YET_RECORDED_MS = List.of(200L, 1000L, 3000L, 10_000L, 30_000L);

    private final Vertx vertx;
    private final BusClient bus;
    private final String nodeId;
    private final AllowanceBook allowances;

    public CallBilling(BusClient bus, String nodeId) {
        this(null, bus, nodeId, 0);
    }

    /** Settlement with standing allowances of {@code allowanceMilli} per account (0: every call escrowed on its own). */
    public CallBilling(Vertx vertx, BusClient bus, String nodeId, long allowanceMilli) {
        this.vertx = vertx;
        this.bus = bus;
        this.nodeId = nodeId;
        this.allowances = bus != null && allowanceMilli > 0 ? new AllowanceBook(bus, allowanceMilli) : null;
    }

    public boolean on() {
        return bus != null;
    }

    /**
     * Pays for the call before its model starts: at once when the account's allowance covers it, else by escrowing its
     * most cost (priced by {@code sizeBytes}) on the ledger, failing with 402, 409 or 503 before any model is called.
     */
    public Future<Void> authorize(ChatRequest request, long sizeBytes) {
        return authorize(request, sizeBytes, null);
    }

    /** As {@link #authorize(ChatRequest, long)}, priced by {@code pinnedClass} (small|medium|large) when not null. */
    public Future<Void> authorize(ChatRequest request, long sizeBytes, String pinnedClass) {
        if (!on()) {
            return Future.succeededFuture();
        }
        long chars = 0;
        for (ChatMessage m : request.messages()) {
            chars += m.content() == null ? 0 : m.content().length();
        }
        long promptChars = chars;
        Future<Boolean> admitted = allowances == null ? Future.succeededFuture(false)
            : allowances.admit(request, sizeBytes, pinnedClass, promptChars);
        return admitted.compose(onAllowance -> onAllowance ? Future.succeededFuture() : escrow(request, sizeBytes, pinnedClass, promptChars));
    }

    /** Escrows the call on its own before its model starts. */
    private Future<Void> escrow(ChatRequest request, long sizeBytes, String pinnedClass, long chars) {
        InferenceAuthorizeRequest authorize = new InferenceAuthorizeRequest(request.requestId(), request.model(), sizeBytes, chars,
            request.messages().size(), request.maxTokens(), request.actor(), request.jobId(), pinnedClass);
        return bus.request(LedgerAddresses.INFERENCE_AUTHORIZE, authorize, InferenceAuthorizeReply.class)
            .recover(CallBilling::explain)
            .mapEmpty();
    }

    private static Future<InferenceAuthorizeReply> explain(Throwable failure) {
        MeshException mesh = BusClient.toMesh(failure);
        if (mesh.noHandler() || mesh.code() == ErrorCode.TIMEOUT) {
            return Future.failedFuture(MeshException.unavailable("no ledger answered: model calls are paid through the ledger"
                + " (inference.settlement), so none can be made now"));
        }
        return Future.failedFuture(mesh);
    }

    /** A routed call ended (its reply, or its failure): its allowance, if it had one, counts what it cost. */
    public void finished(ChatRequest request, AsyncResult<ChatReply> outcome) {
        if (allowances != null) {
            Long charged = outcome.succeeded() && outcome.result() != null ? outcome.result().chargedMilli() : Long.valueOf(0);
            allowances.done(request.requestId(), charged == null ? 0 : charged);
        }
    }

    /** Reports a call this node's provider answered; resolves to the reply with its charge (none when the ledger did not answer). */
    public Future<ChatReply> served(ChatRequest request, ChatReply reply) {
        if (!on()) {
            return Future.succeededFuture(reply);
        }
        InferenceUsageRequest usage = new InferenceUsageRequest(request.requestId(), true, nodeId, reply.model(), reply.provider(),
            reply.promptTokens(), reply.completionTokens(), reply.millis(), reply.content() == null ? 0 : reply.content().length(), null);
        return afterDraw(request).compose(v -> report(usage, 0))
            .map(settled -> reply.charged(settled.chargedMilli()))
            .otherwise(failure -> {
                LOG.warn("chat {}: usage not settled ({}); its escrow returns to the payer after the ledger's escrow TTL",
                    request.requestId(), failure.getMessage());
                return reply;
            });
    }

    /** Once this node's draw of an allowance call reached the ledger (nothing to wait for otherwise); fails when it was refused. */
    private Future<Void> afterDraw(ChatRequest request) {
        return allowances == null ? Future.succeededFuture()
            : allowances.drawOf(request.requestId()).map(draw -> draw.<Void>mapEmpty()).orElse(Future.succeededFuture());
    }

    /**
     * Sends a usage report; a call the ledger has not recorded yet (404: its routing node's draw is still on its way) is
     * reported again a few times, a little later each time.
     */
    private Future<InferenceUsageReply> report(InferenceUsageRequest usage, int tries) {
        return bus.request(LedgerAddresses.INFERENCE_SETTLE, usage, InferenceUsageReply.class).recover(failure -> {
            MeshException mesh = BusClient.toMesh(failure);
            if (mesh.code() != ErrorCode.NOT_FOUND || vertx == null || tries >= NOT_YET_RECORDED_MS.size()) {
                return Future.failedFuture(mesh);
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(NOT_YET_RECORDED_MS.get(tries), t -> later.complete());
            return later.future().compose(v -> report(usage, tries + 1));
        });
    }

    /** Returns the escrow of a call that failed on every node it was tried on (nothing is paid for it). */
    public void failed(ChatRequest request, MeshException failure) {
        if (!on() || failure.code() == ErrorCode.PAYMENT_REQUIRED) {
            return;
        }
        InferenceUsageRequest release = new InferenceUsageRequest(request.requestId(), false, null, request.model(), null, 0, 0, 0, 0,
            failure.code().status());
        afterDraw(request).compose(v -> report(release, 0))
            .onFailure(e -> LOG.warn("chat {}: escrow not released yet ({}); the ledger's sweep returns it", request.requestId(),
                e.getMessage()));
    }
}
