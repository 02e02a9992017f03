package io.edgecoder.inference;

/**
 * What a provider call produced.
 *
 * @param finishReason {@code stop}, {@code length} or {@code cancelled}
 * @param chunks how many pieces of text were streamed (0 for a single reply)
 */
public record Completion(String content, int promptTokens, int completionTokens, String finishReason, long chunks) {
}
