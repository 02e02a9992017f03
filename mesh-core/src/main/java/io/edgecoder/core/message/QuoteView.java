package io.edgecoder.core.message;

import java.time.Instant;

/** A signed credit-to-sats quote; {@code signature} is hex, {@code signerKey} base64. */
public record QuoteView(String id, String direction, long creditsMilli, long sats, long usdPerBtc,
                        long creditUsdMicro, Instant createdAt, Instant expiresAt, String signerKey,
                        String signature) {
}
