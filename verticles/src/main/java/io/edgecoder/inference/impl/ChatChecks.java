package io.edgecoder.inference.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatRequest;
import java.util.Set;

/** Bounds and checks of a {@link ChatRequest}: anything out of them is a 400 naming the field. */
public final class ChatChecks {
    public static final int MAX_MESSAGES = 512;
    public static final int MAX_CHARS = 1 << 20;
    public static final int MAX_TOKENS = 1 << 20;
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private ChatChecks() {
    }

    /** Whether {@code streamTo} is usable as an address to send error chunks to. */
    public static boolean usableStream(ChatRequest r) {
        return r != null && r.streamTo() != null && !r.streamTo().isBlank() && r.streamTo().length() <= 256;
    }

    public static void check(ChatRequest r) {
        if (r == null) {
            throw MeshException.badRequest("body: a chat request is required");
        }
        text("requestId", r.requestId(), 128);
        text("model", r.model(), 256);
        if (r.streamTo() != null && !usableStream(r)) {
            throw MeshException.badRequest("streamTo: at most 256 characters, not blank");
        }
        messages(r);
        if (r.maxTokens() != null && (r.maxTokens() < 1 || r.maxTokens() > MAX_TOKENS)) {
            throw MeshException.badRequest("maxTokens: must be within 1.." + MAX_TOKENS);
        }
        if (r.temperature() != null && (r.temperature().isNaN() || r.temperature() < 0 || r.temperature() > 2)) {
            throw MeshException.badRequest("temperature: must be within 0..2");
        }
        if (r.localOnly() && (r.org() == null || r.org().isBlank())) {
            throw MeshException.badRequest("org: required for a local-only request");
        }
        if (r.allowRemote() != null && r.allowRemote().length() > 32) {
            throw MeshException.badRequest("allowRemote: a provider name of at most 32 characters");
        }
    }

    private static void messages(ChatRequest r) {
        if (r.messages() == null || r.messages().isEmpty()) {
            throw MeshException.badRequest("messages: at least one message is required");
        }
        if (r.messages().size() > MAX_MESSAGES) {
            throw MeshException.badRequest("messages: at most " + MAX_MESSAGES);
        }
        long chars = 0;
        for (ChatMessage m : r.messages()) {
            if (m == null || m.role() == null || !ROLES.contains(m.role())) {
                throw MeshException.badRequest("messages: role must be system, user or assistant");
            }
            if (m.content() == null) {
                throw MeshException.badRequest("messages: content is required");
            }
            chars += m.content().length();
        }
        if (chars > MAX_CHARS) {
            throw MeshException.badRequest("messages: at most " + MAX_CHARS + " characters in all");
        }
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw MeshException.badRequest(field + ": required");
        }
        if (value.length() > max) {
            throw MeshException.badRequest(field + ": at most " + max + " characters");
        }
    }
}
