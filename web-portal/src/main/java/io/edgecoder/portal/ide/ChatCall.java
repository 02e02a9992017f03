package io.edgecoder.portal.ide;

import io.edgecoder.core.message.ChatMessage;
import java.util.List;

/**
 * A chat call as an IDE asked for it, whichever protocol it spoke: checked and bounded, ready to
 * become a {@code ChatRequest}.
 *
 * @param maxTokens null = the provider's default
 * @param temperature null = the provider's default
 * @param stream whether the answer is streamed
 * @param includeUsage whether a streamed OpenAI answer ends with a usage chunk ({@code stream_options.include_usage})
 */
record ChatCall(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature, boolean stream,
                boolean includeUsage) {
    ChatCall {
        messages = List.copyOf(messages);
    }
}
