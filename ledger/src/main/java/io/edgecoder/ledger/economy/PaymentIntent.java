package io.edgecoder.ledger.economy;

import java.time.Instant;

/**
 * A request to buy credits: {@code created → pending → settled | expired | failed}.
 *
 * @param mintSeq the ledger entry that minted the credits, once settled
 */
public record PaymentIntent(String id, String account, long creditsMilli, long sats, String quoteId, String provider,
                            String status, String providerRef, String instructions, String failure, Long mintSeq,
                            Instant createdAt, Instant expiresAt) {
}
