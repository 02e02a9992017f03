package io.edgecoder.core.message;

/**
 * Asks the ledger to escrow the most a chat call may cost before a model is called
 * ({@code LedgerAddresses.INFERENCE_AUTHORIZE}). The ledger prices the call by the model's class (decided from
 * {@code sizeBytes}) and the tokens it may use: the prompt estimated from its characters plus {@code maxTokens}.
 * The payer is the job's hold when {@code jobId} has one, else {@code user:<actor.account>}.
 *
 * @param callId the chat's {@code ChatRequest.requestId}: the call's idempotency key in the ledger
 * @param model the model asked for
 * @param sizeBytes size of the model's weights as advertised ({@code ModelInfo.sizeBytes}); 0 = unknown
 * @param promptChars characters of all messages of the call
 * @param messages number of messages
 * @param maxTokens the call's bound on generated tokens; null = the ledger's default bound
 * @param actor the person the call is made for
 * @param jobId the job the call serves (agent loop, planner), or null (IDE)
 * @param modelClass the model's class as the routing node's operator pinned it ({@code inference.model.classes}:
 *                   {@code small}, {@code medium} or {@code large}), which the ledger uses instead of {@code sizeBytes};
 *                   null = decided from {@code sizeBytes}
 * @param allowanceId the allowance of {@code actor} on the sending routing node that pays the call (escrowed ahead:
 *     the routing node has already started the model), or null: escrow from the payer now, before any model runs
 */
public record InferenceAuthorizeRequest(
    String callId,
    String model,
    long sizeBytes,
    long promptChars,
    int messages,
    Integer maxTokens,
    Actor actor,
    String jobId,
    String modelClass,
    String allowanceId) {

    /** A call priced by {@code sizeBytes} alone, escrowed on its own. */
    public InferenceAuthorizeRequest(String callId, String model, long sizeBytes, long promptChars, int messages, Integer maxTokens,
                                     Actor actor, String jobId) {
        this(callId, model, sizeBytes, promptChars, messages, maxTokens, actor, jobId, null, null);
    }

    /** A call escrowed on its own (no allowance), priced by {@code modelClass} when not null. */
    public InferenceAuthorizeRequest(String callId, String model, long sizeBytes, long promptChars, int messages, Integer maxTokens,
                                     Actor actor, String jobId, String modelClass) {
        this(callId, model, sizeBytes, promptChars, messages, maxTokens, actor, jobId, modelClass, null);
    }
}
