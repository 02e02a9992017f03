package io.edgecoder.ledger;

import java.time.Instant;

/**
 * One committed entry of the chain. {@code at} has microsecond precision (as stored);
 * {@code hash} is {@link ChainHash#of} over the entry and {@code prevHash}.
 */
public record LedgerEntry(long seq, Instant at, EntryKind kind, String from, String to, long amountMilli,
                          String reference, String idempotencyKey, byte[] prevHash, byte[] hash) {
}
