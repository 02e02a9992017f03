package io.edgecoder.ledger.verify;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.ChainVerifier.Failure;
import io.edgecoder.ledger.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fast form of {@link ChainVerifier}: the same checks in the same order, with the same
 * failures (both are {@link ChainCheck}s), over {@link EntryBatch}es instead of entry objects.
 * Per entry it hashes the encoding already laid out in the batch with one reusable digest,
 * hashes the Merkle leaf with the same digest, and sums balances into a table keyed by name
 * bytes, so the steady state allocates almost nothing. Not thread-safe; batches may come from
 * another thread as long as they are handed over safely (e.g. through a blocking queue or a Future).
 */
public final class BatchVerifier extends ChainCheck {
    private final MessageDigest md = ChainHash.sha256();
    private final AccountTotals totals = new AccountTotals();
    private final byte[] computed = new byte[ChainHash.SIZE];

    /**
     * @param checkpoints in id order
     * @param trustedKeys base64 public keys allowed to sign checkpoints; empty = none; {@code CheckpointCheck.ANY_SIGNER} = any valid signature
     */
    public BatchVerifier(List<Checkpoint> checkpoints, Set<String> trustedKeys) {
        super(checkpoints, trustedKeys);
    }

    /** Checks checkpoint signatures ahead on a thread of their own (see {@link CheckpointCheck#checkSignaturesAhead}). */
    public BatchVerifier checkSignaturesAhead() {
        checkpoints().checkSignaturesAhead();
        return this;
    }

    /** Stops work started ahead (the verification ended early, e.g. on a read error). */
    public void stop() {
        checkpoints().stop();
    }

    /**
     * Checks the batch's entries in order; stops at the first failure, after which every call
     * returns it. A batch that ends with an I/O failure throws it once its entries verified.
     */
    public Optional<Failure> accept(EntryBatch batch) throws IOException {
        if (failed()) {
            return failure();
        }
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (!accept(batch, i)) {
                return failure();
            }
        }
        throwError(batch.error());
        return Optional.empty();
    }

    private static void throwError(Exception error) throws IOException {
        if (error instanceof IOException io) {
            throw io;
        }
        if (error instanceof UncheckedIOException io) {
            throw io.getCause();
        }
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error != null) {
            throw new IOException(error.getMessage(), error);
        }
    }

    private boolean accept(EntryBatch b, int i) {
        byte type = b.type(i);
        long expected = expectedSeq();
        if (type != EntryBatch.ENTRY) {
            return fail(type == EntryBatch.REJECT ? b.seq(i) : expected, b.message(i));
        }
        long seq = b.seq(i);
        if (!b.knownKind(i)) {
            return fail(seq, "entry " + seq + ": unknown entry kind '" + b.kindText(i) + "'");
        }
        if (seq != expected) {
            return fail(expected, sequenceProblem(expected, seq));
        }
        byte flags = b.flags(i);
        if ((flags & EntryBatch.BAD_PREV) != 0 || !b.prevEquals(i, head())) {
            return fail(seq, linkProblem(seq));
        }
        if ((flags & EntryBatch.NULL_TEXT) != 0) {
            return fail(seq, "entry " + seq + ": a text field is null");
        }
        b.digest(i, md, computed);
        if ((flags & EntryBatch.BAD_HASH) != 0 || !b.hashEquals(i, computed)) {
            return fail(seq, hashProblem(seq));
        }
        return sum(b, i, seq) && advance(seq, computed) == null;
    }

    private boolean sum(EntryBatch b, int i, long seq) {
        long amount = b.amountAt(i);
        byte[] arena = b.arena();
        try {
            totals.add(arena, b.fieldOffset(i, 1), b.fieldLength(i, 1), -amount);
            totals.add(arena, b.fieldOffset(i, 2), b.fieldLength(i, 2), amount);
            return true;
        } catch (ArithmeticException e) {
            return fail(seq, "entry " + seq + ": " + e.getMessage());
        }
    }

    private boolean fail(long seq, String message) {
        failWith(seq, message);
        return false;
    }

    /** Balances summed over the verified entries (a new map on each call). */
    @Override
    public Map<String, Long> balances() {
        return totals.toMap();
    }
}
