package io.edgecoder.inference;

import io.edgecoder.core.message.ChatRequest;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * A model server this node calls: it lists its models and runs chat completions, streamed or
 * whole. Failures are {@link io.edgecoder.core.MeshException}s: 404 model missing, 429 busy,
 * 503 down or broken stream, 504 timeout. Implementations never block.
 */
public interface ModelProvider {
    ProviderConfig config();

    /** The models the server offers now. */
    Future<List<ProviderModel>> models();

    /**
     * One chat completion of {@code request.model()}. With a {@code sink} the provider streams and
     * hands every piece of text to it in order; without, it asks for a single reply. When
     * {@code control} is cancelled the call stops and completes with finish reason {@code cancelled}.
     */
    Future<Completion> chat(ChatRequest request, Consumer<String> sink, CallControl control);
}
