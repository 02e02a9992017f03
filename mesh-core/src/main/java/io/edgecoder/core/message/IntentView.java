package io.edgecoder.core.message;

import java.time.Instant;

/** A payment intent: {@code created → pending → settled | expired | failed}; {@code mintSeq} once settled. */
public record IntentView(String id, String account, long creditsMilli, long sats, String quoteId, String provider,
                         String status, String instructions, String failure, Long mintSeq, Instant createdAt,
                         Instant expiresAt) {
}
