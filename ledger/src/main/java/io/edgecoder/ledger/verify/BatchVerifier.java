package io.edgecoder.ledger.verify;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.ChainVerifier.Failure;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.merkle.MerkleFrontier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fast form of {@link ChainVerifier}: the same checks in the same order, with the same
 * failures, over {@link EntryBatch}es instead of entry objects. Per entry it hashes the
 * encoding already laid out in the batch with one reusable digest, hashes the Merkle leaf with
 * the same digest, and sums balances into a table keyed by name bytes, so the steady state
 * allocates almost nothing. Not thread-safe; batches may come from another thread as long as
 * they are handed over safely (e.g. through a blocking queue or a Future).
 */
public final class BatchVerifier {
    private final CheckpointCheck checkpoints;
    private final MessageDigest md = ChainHash.sha256();
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final AccountTotals totals = new AccountTotals();
    private final byte[] lastHash = ChainHash.genesis();
    private final byte[] computed = new byte[ChainHash.SIZE];
    private long expectedSeq = 1;
    private Failure failure;

    /**
     * @param checkpoints in id order
     * @param trustedKeys base64 public keys allowed to sign checkpoints; empty = any valid signature
     */
    public BatchVerifier(List<Checkpoint> checkpoints, Set<String> trustedKeys) {
        this.checkpoints = new CheckpointCheck(checkpoints, trustedKeys);
    }

    /** Checks checkpoint signatures ahead on a thread of their own (see {@link CheckpointCheck#checkSignaturesAhead}). */
    public BatchVerifier checkSignaturesAhead() {
        checkpoints.checkSignaturesAhead();
        return this;
    }

    /** Stops work started ahead (the verification ended early, e.g. on a read error). */
    public void stop() {
        checkpoints.stop();
    }

    /**
     * Checks the batch's entries in order; stops at the first failure, after which every call
     * returns it. A batch that ends with an I/O failure throws it once its entries verified.
     */
    public Optional<Failure> accept(EntryBatch batch) throws IOException {
        if (failure != null) {
            return Optional.of(failure);
        }
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (!accept(batch, i)) {
                return Optional.of(failure);
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
        if (type != EntryBatch.ENTRY) {
            return fail(type == EntryBatch.REJECT ? b.seq(i) : expectedSeq, b.message(i));
        }
        long seq = b.seq(i);
        if (!b.knownKind(i)) {
            return fail(seq, "entry " + seq + ": unknown entry kind '" + b.kindText(i) + "'");
        }
        if (seq != expectedSeq) {
            return fail(expectedSeq, ChainVerifier.sequenceProblem(expectedSeq, seq));
        }
        byte flags = b.flags(i);
        if ((flags & EntryBatch.BAD_PREV) != 0 || !b.prevEquals(i, lastHash)) {
            return fail(seq, ChainVerifier.linkProblem(seq));
        }
        if ((flags & EntryBatch.NULL_TEXT) != 0) {
            return fail(seq, "entry " + seq + ": a text field is null");
        }
        b.digest(i, md, computed);
        if ((flags & EntryBatch.BAD_HASH) != 0 || !b.hashEquals(i, computed)) {
            return fail(seq, ChainVerifier.hashProblem(seq));
        }
        return sum(b, i, seq) && advance(seq);
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

    private boolean advance(long seq) {
        System.arraycopy(computed, 0, lastHash, 0, ChainHash.SIZE);
        expectedSeq++;
        frontier.addEntry(lastHash);
        if (!checkpoints.due(seq)) {
            return true;
        }
        Failure f = checkpoints.after(seq, frontier, lastHash);
        return f == null || fail(f.seq(), f.message());
    }

    /** Checks that the chain ends where the recorded head says it does, and no checkpoint is left. */
    public Optional<Failure> finish(long headSeq, byte[] headHash) {
        if (failure != null) {
            return Optional.of(failure);
        }
        checkpoints.stop();
        Failure end = ChainVerifier.headProblem(expectedSeq - 1, lastHash, headSeq, headHash);
        if (end == null) {
            end = checkpoints.leftOver(expectedSeq - 1);
        }
        return end == null ? Optional.empty() : failed(end);
    }

    /** Compares stored balances with the sums of the verified entries; names the first differing account. */
    public Optional<Failure> checkBalances(Map<String, Long> stored) {
        if (failure != null) {
            return Optional.of(failure);
        }
        return StoredBalances.firstDifference(stored, balances()).flatMap(m -> failed(new Failure(null, m)));
    }

    private Optional<Failure> failed(Failure f) {
        failure = f;
        checkpoints.stop();
        return Optional.of(f);
    }

    private boolean fail(Long seq, String message) {
        failed(new Failure(seq, message));
        return false;
    }

    public String summary() {
        return ChainVerifier.summary(verified(), checkpoints.verified());
    }

    public boolean failed() {
        return failure != null;
    }

    public long verified() {
        return expectedSeq - 1;
    }

    public long checkpointsVerified() {
        return checkpoints.verified();
    }

    public byte[] lastHash() {
        return Arrays.copyOf(lastHash, lastHash.length);
    }

    /** Balances summed over the verified entries (a new map on each call). */
    public Map<String, Long> balances() {
        return totals.toMap();
    }
}
