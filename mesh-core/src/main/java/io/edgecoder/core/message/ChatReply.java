package io.edgecoder.core.message;

/**
 * The answer of one chat completion.
 *
 * @param finishReason {@code stop}, {@code length} or {@code cancelled}
 * @param servedBy node id of the inference node that called the provider
 * @param provider the provider name on that node (as configured by {@code --provider NAME=URL})
 * @param millis time spent in the provider call
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
    long millis) {
}
