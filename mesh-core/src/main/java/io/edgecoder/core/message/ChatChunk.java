package io.edgecoder.core.message;

/**
 * A piece of a streamed chat completion, sent to {@code ChatRequest.streamTo} in order
 * ({@code seq} from 0). The last chunk has {@code done}; it carries the whole {@code reply}, or
 * an {@code errorCode} (an {@code ErrorCode} status) and a message safe to show when the
 * stream broke.
 */
public record ChatChunk(
    String requestId,
    long seq,
    String delta,
    boolean done,
    ChatReply reply,
    Integer errorCode,
    String errorMessage) {
}
