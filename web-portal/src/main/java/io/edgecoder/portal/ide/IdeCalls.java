package io.edgecoder.portal.ide;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.ChatCancel;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the endpoint asks of the mesh, on the inference role's bus contract only: the model list
 * ({@code MODELS}), chat calls ({@code CHAT}, streamed through the {@link ChunkRouter}) and their
 * cancellation ({@code CHAT_CANCEL}). Calls are made for the authenticated caller (the actor), in
 * the caller's organisation (the node's when the account has none), never with a remote provider.
 * Also counts the calls held at once against {@code ide.max.in.flight} (shared by the endpoint's
 * instances, {@link IdePlaces}). Used on its instance's event loop only.
 */
final class IdeCalls {
    private final BusClient bus;
    private final ChunkRouter chunks;
    private final IdeConfig config;
    private final IdePlaces places;
    private volatile long started;

    IdeCalls(BusClient bus, ChunkRouter chunks, IdeConfig config, IdePlaces places) {
        this.bus = bus;
        this.chunks = chunks;
        this.config = config;
        this.places = places;
    }

    ChunkRouter chunks() {
        return chunks;
    }

    /** The models the caller may use with this locality, each name once (the first serving node's details), by name. */
    Future<List<ModelInfo>> models(Caller caller, boolean localOnly) {
        ModelListRequest request = new ModelListRequest(actor(caller), org(caller), localOnly, false);
        return bus.requestLocalFirst(InferenceAddresses.MODELS, request, ModelListReply.class, config.listTimeout())
            .map(reply -> distinct(reply.models()));
    }

    static List<ModelInfo> distinct(List<ModelInfo> models) {
        Map<String, ModelInfo> byName = new LinkedHashMap<>();
        for (ModelInfo m : models == null ? List.<ModelInfo>of() : models) {
            if (m != null && m.name() != null) {
                byName.putIfAbsent(m.name(), m);
            }
        }
        List<ModelInfo> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(ModelInfo::name));
        return sorted;
    }

    /** The bus request of {@code call}: a fresh id, the chunk address when streamed. */
    ChatRequest request(Caller caller, ChatCall call, boolean localOnly) {
        started++; // this instance's loop only: volatile for readers elsewhere
        String id = "ide-" + UUID.randomUUID();
        return new ChatRequest(id, call.model(), call.messages(), call.maxTokens(), call.temperature(), actor(caller),
            org(caller), localOnly, null, null, call.stream() ? chunks.address() : null);
    }

    /**
     * A local-only call goes to its org's own chat address, so no node of another org even routes it.
     * The inference role of this node routes it when there is one (no signature needed on the way).
     */
    Future<ChatReply> chat(ChatRequest request) {
        return bus.requestLocalFirst(InferenceAddresses.chat(request.org(), request.localOnly()), request, ChatReply.class,
            config.chatTimeout());
    }

    /** Tells the serving node the caller went away. */
    void cancel(String requestId) {
        bus.publish(InferenceAddresses.CHAT_CANCEL, new ChatCancel(requestId));
    }

    /** Takes a place for one call; false when {@code ide.max.in.flight} are already held (by any instance). */
    boolean acquire() {
        return places.acquire();
    }

    void release() {
        places.release();
    }

    /** Chat calls this instance started so far. */
    long started() {
        return started;
    }

    /** Calls the whole endpoint (every instance) holds now. */
    int inFlight() {
        return places.held();
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.account(), caller.admin());
    }

    private String org(Caller caller) {
        return caller.org() != null && !caller.org().isBlank() ? caller.org() : config.nodeOrg();
    }
}
