package io.edgecoder.core.message;

/**
 * The answer of one chat completion.
 *
 * @param finishReason {@code stop}, {@code length} or {@code cancelled}
 * @param servedBy node id of the inference node that called the provider
 * @param provider the provider name on that node (as configured by {@code --provider NAME=URL})
 * @param millis time spent in the provider call
 * @param chargedMilli milli-credits the ledger charged for this call (paid to {@code servedBy}'s account); null when
 *     the call was not settled (settlement off, or the ledger did not answer)
 */
public record ChatReply(
    String requestId,
    String model,
    String content,
    int promptTokens,
    int completionTokens,
    String finishReason,
    String servedBy,
    String provider,
    long millis,
    Long chargedMilli) {

    /** A reply not (yet) settled. */
    public ChatReply(String requestId, String model, String content, int promptTokens, int completionTokens,
                     String finishReason, String servedBy, String provider, long millis) {
        this(requestId, model, content, promptTokens, completionTokens, finishReason, servedBy, provider, millis, null);
    }

    /** This reply with what the ledger charged for it. */
    public ChatReply charged(Long milli) {
        return new ChatReply(requestId, model, content, promptTokens, completionTokens, finishReason, servedBy, provider,
            millis, milli);
    }
}
