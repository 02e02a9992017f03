package io.edgecoder.core.address;

/** Event-bus addresses of the inference service. */
public final class InferenceAddresses {
    /**
     * Request {@code PlanRequest} → {@code PlanReply}: decompose a job into subtasks. Without
     * a configured model the deterministic planner makes one subtask per test file.
     * Errors: 400 nothing to plan.
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

    private InferenceAddresses() {
    }
}
