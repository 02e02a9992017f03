package io.edgecoder.core.address;

/** Event-bus addresses of the inference service. */
public final class InferenceAddresses {
    /**
     * Request {@code PlanRequest} → {@code PlanReply}: decompose a job into subtasks. Without
     * a configured model the deterministic planner makes one subtask per test file. Only for jobs
     * that may leave their organisation: a local-only job's plan goes to {@link #plan(String, boolean)}.
     * Only coordinators may send. Errors: 400 nothing to plan; 403 a local-only request of another
     * org (its files and prompt are not looked at).
     */
    public static final String PLAN_CREATE = "edgecoder.inference.plan.create";

    /**
     * Request {@code ChatRequest} → {@code ChatReply}: one chat completion from a model on the
     * mesh. Any inference role answers; it routes to a node that serves the model and that the
     * request's locality allows (a local-only request never leaves {@code ChatRequest.org}).
     * With {@code ChatRequest.streamTo} set, the serving node also sends {@code ChatChunk}s there
     * as tokens arrive, the last one with {@code done}; the reply still comes at the end.
     * Errors: 400 bad request, 404 model not served anywhere allowed, 429 busy (retryable),
     * 503 provider down (retryable), 504 provider timeout.
     */
    public static final String CHAT = "edgecoder.inference.chat";

    /**
     * Request {@code ModelListRequest} → {@code ModelListReply}: the models the mesh serves that a
     * request with the given locality may use.
     */
    public static final String MODELS = "edgecoder.inference.models";

    /**
     * Publish {@code ChatCancel}: the caller went away; the serving node stops the provider call
     * for that request id (an IDE closed its stream, a job was cancelled).
     */
    public static final String CHAT_CANCEL = "edgecoder.inference.chat.cancel";

    /**
     * Publish {@code InferenceHeartbeat}, from every inference role every
     * {@code inference.heartbeat.ms}: the models this node serves and its calls in flight. Every
     * inference role keeps the table that {@link #MODELS} answers from and {@link #CHAT} routes by.
     * Only nodes with the inference role may publish (the org of an entry is the sender's
     * certified org, never the body's).
     */
    public static final String HEARTBEAT = "edgecoder.inference.heartbeat";

    /** Prefix of the org-scoped chat addresses ({@link #chat(String, boolean)}). */
    public static final String CHAT_ORG_PREFIX = "edgecoder.inference.chat.org.";

    /** Prefix of the org-scoped plan addresses ({@link #plan(String, boolean)}). */
    public static final String PLAN_ORG_PREFIX = "edgecoder.inference.plan.org.";

    /** Prefix of the per-node serving addresses ({@link #serve(String)}). */
    public static final String SERVE_PREFIX = "edgecoder.inference.serve.";

    private InferenceAddresses() {
    }

    /**
     * Where to send a {@code ChatRequest}: {@link #CHAT} for a request any node may serve; for a
     * local-only request the address only inference roles of {@code org} consume, so that not
     * even the routing step sees the prompt on another organisation's node. A local-only request
     * that arrives on {@link #CHAT} at a node of another org is refused with 400.
     */
    public static String chat(String org, boolean localOnly) {
        if (!localOnly) {
            return CHAT;
        }
        if (org == null || org.isBlank()) {
            throw new IllegalArgumentException("a local-only chat needs its org");
        }
        return CHAT_ORG_PREFIX + org;
    }

    /**
     * Where to send a {@code PlanRequest}: {@link #PLAN_CREATE} for a job any node may see; for a
     * local-only job the address only inference roles of {@code org} consume (request
     * {@code PlanRequest} → {@code PlanReply}, errors as {@link #PLAN_CREATE}), so that neither its
     * files nor the plan prompt made of them reach a node of another organisation. Only coordinators
     * may send. A node that gets a local-only plan of another org anyway refuses it with 403.
     */
    public static String plan(String org, boolean localOnly) {
        if (!localOnly) {
            return PLAN_CREATE;
        }
        if (org == null || org.isBlank()) {
            throw new IllegalArgumentException("a local-only plan needs its org");
        }
        return PLAN_ORG_PREFIX + org;
    }

    /**
     * Request {@code ChatRequest} → {@code ChatReply}, addressed to one inference node by a routing
     * inference role: call a provider of this node that serves the model. Only inference roles may
     * send here. Errors as {@link #CHAT}; 403 a local-only request of another org.
     */
    public static String serve(String nodeId) {
        if (nodeId == null || nodeId.isBlank() || nodeId.contains(".")) {
            throw new IllegalArgumentException("bad node id");
        }
        return SERVE_PREFIX + nodeId;
    }
}
