package io.edgecoder.core.message;

/**
 * Result of verifying the ledger.
 *
 * @param firstBadSequence the first entry that does not verify, or null when all do
 */
public record VerifyReply(boolean ok, long entries, Long firstBadSequence, String message) {
}
