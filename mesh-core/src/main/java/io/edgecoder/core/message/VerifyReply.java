package io.edgecoder.core.message;

/**
 * Result of verifying the ledger. {@code ok} means no check failed; entries after the last
 * checkpoint ({@code unchecked}) had their chain links checked but no signature covers them, so
 * someone with write access to the database could have rewritten them: the message says so.
 *
 * @param firstBadSequence the first entry that does not verify, or null when all do
 * @param checkpoints checkpoints verified (signature by a trusted key, root, head)
 * @param unchecked verified entries after the last verified checkpoint
 */
public record VerifyReply(boolean ok, long entries, Long firstBadSequence, String message, long checkpoints,
                          long unchecked) {
    /** A reply without checkpoint figures (a failure). */
    public VerifyReply(boolean ok, long entries, Long firstBadSequence, String message) {
        this(ok, entries, firstBadSequence, message, 0, 0);
    }

    /** True when every entry verified and is covered by a signed checkpoint. */
    public boolean complete() {
        return ok && unchecked == 0;
    }
}
