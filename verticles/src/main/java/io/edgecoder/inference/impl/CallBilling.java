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
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference role's side of settlement (docs/inference.md, "Settlement"): the routing node escrows a call's most
 * cost on the ledger before any model is called ({@link #authorize}; 402 when the payer cannot cover it) and returns
 * it when the call failed everywhere ({@link #failed}); the serving node reports what its provider used
 * ({@link #served}), which pays it. Off ({@link #OFF}) in a deployment without a ledger: calls are then free.
 */
public final class CallBilling {
    private static final Logger LOG = LoggerFactory.getLogger(CallBilling.class);
    /** No settlement: every call is free and replies carry no charge. */
    public static final CallBilling OFF = new CallBilling(null, null);

    private final BusClient bus;
    private final String nodeId;

    public CallBilling(BusClient bus, String nodeId) {
        this.bus = bus;
        this.nodeId = nodeId;
    }

    public boolean on() {
        return bus != null;
    }

    /** Escrows the call's most cost, priced by {@code sizeBytes}; fails with 402, 409 or 503 before any model is called. */
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

    /** Reports a call this node's provider answered; resolves to the reply with its charge (none when the ledger did not answer). */
    public Future<ChatReply> served(ChatRequest request, ChatReply reply) {
        if (!on()) {
            return Future.succeededFuture(reply);
        }
        InferenceUsageRequest usage = new InferenceUsageRequest(request.requestId(), true, nodeId, reply.model(), reply.provider(),
            reply.promptTokens(), reply.completionTokens(), reply.millis(), reply.content() == null ? 0 : reply.content().length(), null);
        return bus.request(LedgerAddresses.INFERENCE_SETTLE, usage, InferenceUsageReply.class)
            .map(settled -> reply.charged(settled.chargedMilli()))
            .otherwise(failure -> {
                LOG.warn("chat {}: usage not settled ({}); its escrow returns to the payer after the ledger's escrow TTL",
                    request.requestId(), failure.getMessage());
                return reply;
            });
    }

    /** Returns the escrow of a call that failed on every node it was tried on (nothing is paid for it). */
    public void failed(ChatRequest request, MeshException failure) {
        if (!on() || failure.code() == ErrorCode.PAYMENT_REQUIRED) {
            return;
        }
        InferenceUsageRequest release = new InferenceUsageRequest(request.requestId(), false, null, request.model(), null, 0, 0, 0, 0,
            failure.code().status());
        bus.request(LedgerAddresses.INFERENCE_SETTLE, release, InferenceUsageReply.class)
            .onFailure(e -> LOG.warn("chat {}: escrow not released yet ({}); the ledger's sweep returns it", request.requestId(),
                e.getMessage()));
    }
}
