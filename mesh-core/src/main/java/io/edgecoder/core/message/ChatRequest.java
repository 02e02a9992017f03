package io.edgecoder.core.message;

import java.util.List;

/**
 * A chat completion asked of the mesh's models ({@code InferenceAddresses.CHAT}).
 *
 * @param requestId caller-chosen id, unique per call: names the stream and the cancellation
 * @param model the model name as {@code ModelInfo.name} lists it
 * @param maxTokens upper bound on generated tokens; null = the provider's default
 * @param temperature sampling temperature; null = the provider's default
 * @param actor the person the call is made for (accounted and audited)
 * @param org the organisation whose nodes may serve a local-only call
 * @param localOnly whether only nodes of {@code org} may see the prompt
 * @param jobId the job this call serves, if any (agent loop, model planner); null for the IDE
 * @param allowRemote the one remote (cloud) provider the caller explicitly allows; null = none
 * @param streamTo bus address for {@code ChatChunk}s, or null for a single reply
 */
public record ChatRequest(
    String requestId,
    String model,
    List<ChatMessage> messages,
    Integer maxTokens,
    Double temperature,
    Actor actor,
    String org,
    boolean localOnly,
    String jobId,
    String allowRemote,
    String streamTo) {

    /** This request with {@code maxTokens} set. */
    public ChatRequest withMaxTokens(int tokens) {
        return new ChatRequest(requestId, model, messages, tokens, temperature, actor, org, localOnly, jobId, allowRemote, streamTo);
    }
}
