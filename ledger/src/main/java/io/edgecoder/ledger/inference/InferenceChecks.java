package io.edgecoder.ledger.inference;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.ledger.Accounts;

/** Checks the inference settlement requests; every refusal is a 400 naming the field. */
final class InferenceChecks {
    /** Longest call id: {@code ChatRequest.requestId} is at most 128 characters. */
    static final int MAX_CALL_ID = 128;
    private static final long MAX_CHARS = 64L * 1024 * 1024;

    private InferenceChecks() {
    }

    static void check(InferenceAuthorizeRequest r) {
        if (r == null) {
            throw MeshException.badRequest("an authorize request is required");
        }
        callId(r.callId());
        text(r.model(), "model", 256);
        if (r.actor() == null ? r.jobId() == null : !Accounts.validId(r.actor().account())) {
            throw MeshException.badRequest("actor: the account the call is made for is required (a job's call may omit it)");
        }
        if (r.sizeBytes() < 0 || r.promptChars() < 0 || r.promptChars() > MAX_CHARS) {
            throw MeshException.badRequest("sizeBytes and promptChars must be >= 0 (promptChars at most " + MAX_CHARS + ")");
        }
        if (r.messages() < 1 || r.messages() > 10_000) {
            throw MeshException.badRequest("messages must be 1..10000, got " + r.messages());
        }
        if (r.maxTokens() != null && (r.maxTokens() < 1 || r.maxTokens() > 1_048_576)) {
            throw MeshException.badRequest("maxTokens must be 1..1048576, got " + r.maxTokens());
        }
        if (r.jobId() != null && !Accounts.validId(r.jobId())) {
            throw MeshException.badRequest("jobId must be 1..190 printable ASCII characters without spaces");
        }
        if (r.modelClass() != null && !java.util.Set.of("small", "medium", "large").contains(r.modelClass())) {
            throw MeshException.badRequest("modelClass must be small, medium or large when given, got '"
                + r.modelClass().substring(0, Math.min(20, r.modelClass().length())) + "'");
        }
    }

    static void check(InferenceUsageRequest r) {
        if (r == null) {
            throw MeshException.badRequest("a usage request is required");
        }
        callId(r.callId());
        if (r.served()) {
            text(r.servedBy(), "servedBy", 190);
            if (!Accounts.validId(r.servedBy())) {
                throw MeshException.badRequest("servedBy must be a node id");
            }
        }
        if (r.promptTokens() < 0 || r.completionTokens() < 0 || r.millis() < 0 || r.answerChars() < 0
            || r.answerChars() > MAX_CHARS) {
            throw MeshException.badRequest("token counts, millis and answerChars must be >= 0");
        }
    }

    private static void callId(String callId) {
        if (callId == null || callId.isBlank() || callId.length() > MAX_CALL_ID || !Accounts.validId(callId)) {
            throw MeshException.badRequest("callId must be 1.." + MAX_CALL_ID + " printable ASCII characters without spaces");
        }
    }

    private static void text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw MeshException.badRequest(field + " is required (at most " + max + " characters)");
        }
    }
}
