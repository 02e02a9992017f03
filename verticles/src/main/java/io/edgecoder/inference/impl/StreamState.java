package io.edgecoder.inference.impl;

import io.edgecoder.inference.Completion;
import java.util.function.Consumer;

/**
 * The state of one provider call while its answer arrives: text so far, token counts, and whether
 * the provider said it was done. Wire decoders fill it; the sink (if any) sees every piece.
 */
final class StreamState {
    private final StringBuilder content = new StringBuilder();
    private final Consumer<String> sink;
    private long chunks;
    private int promptTokens;
    private int completionTokens;
    private String finishReason;
    private boolean done;
    private long lastActivity = System.nanoTime();

    StreamState(Consumer<String> sink) {
        this.sink = sink;
    }

    void append(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        content.append(delta);
        chunks++;
        if (sink != null) {
            sink.accept(delta);
        }
    }

    /** A line arrived (nanoTime). */
    void touch() {
        lastActivity = System.nanoTime();
    }

    long lastActivity() {
        return lastActivity;
    }

    void usage(int prompt, int completion) {
        if (prompt > 0) {
            promptTokens = prompt;
        }
        if (completion > 0) {
            completionTokens = completion;
        }
    }

    void finishReason(String reason) {
        if (reason != null && !reason.isBlank()) {
            finishReason = reason;
        }
    }

    void done() {
        done = true;
    }

    boolean isDone() {
        return done;
    }

    long chunks() {
        return chunks;
    }

    Completion completion() {
        return new Completion(content.toString(), promptTokens, completionTokens,
            finishReason == null ? "stop" : finishReason, chunks);
    }

    Completion cancelled() {
        return new Completion(content.toString(), promptTokens, completionTokens, "cancelled", chunks);
    }
}
