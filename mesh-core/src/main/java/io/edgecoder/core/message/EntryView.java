package io.edgecoder.core.message;

import java.time.Instant;

/** One ledger entry as shown to clients; {@code hash} is hex. */
public record EntryView(long seq, Instant at, String kind, String from, String to, long amountMilli,
                        String reference, String idempotencyKey, String hash) {
}
