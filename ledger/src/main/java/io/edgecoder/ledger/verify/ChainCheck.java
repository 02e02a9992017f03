package io.edgecoder.ledger.verify;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.ChainVerifier.Failure;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.merkle.MerkleFrontier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link io.edgecoder.ledger.ChainVerifier} and {@link BatchVerifier} share: where the
 * chain has got to (next sequence number, last chain hash, Merkle frontier, checkpoints), the
 * first failure (after which every check answers it), the end-of-chain checks and the wording
 * of every failure. Subclasses only differ in how they read and hash an entry. Not thread-safe.
 */
public abstract class ChainCheck {
    private final CheckpointCheck checkpoints;
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final byte[] lastHash = ChainHash.genesis();
    private long expectedSeq = 1;
    private Failure failure;

    /**
     * @param checkpoints in id order
     * @param trustedKeys base64 public keys allowed to sign checkpoints; empty = none; {@code CheckpointCheck.ANY_SIGNER} = any valid signature
     */
    protected ChainCheck(List<Checkpoint> checkpoints, Set<String> trustedKeys) {
        this.checkpoints = new CheckpointCheck(checkpoints, trustedKeys);
    }

    /** The failure for entry {@code seq} arriving where {@code expected} was due. */
    public static String sequenceProblem(long expected, long seq) {
        return seq > expected
            ? "entry " + expected + " is missing (next stored entry is " + seq + ")"
            : "entry " + seq + " is out of order (expected " + expected + ")";
    }

    public static String linkProblem(long seq) {
        return "entry " + seq + ": previous hash does not match the hash of entry " + (seq - 1);
    }

    public static String hashProblem(long seq) {
        return "entry " + seq + ": stored hash does not match its content";
    }

    /** A chain of {@code last} entries ending in {@code lastHash} against the recorded head; null when they agree. */
    public static Failure headProblem(long last, byte[] lastHash, long headSeq, byte[] headHash) {
        if (headSeq > last) {
            return new Failure(last + 1, "entry " + (last + 1) + " is missing (the head records " + headSeq + " entries)");
        }
        if (headSeq < last) {
            return new Failure(headSeq + 1, "entry " + (headSeq + 1) + " is beyond the recorded head " + headSeq);
        }
        if (!Arrays.equals(headHash, lastHash)) {
            return new Failure(last, "entry " + last + ": hash differs from the recorded head");
        }
        return null;
    }

    public static String summary(long entries, long checkpoints) {
        return summary(entries, checkpoints, 0);
    }

    /** "ok: N entries and M checkpoints verified", and the entries no signed checkpoint covers, if any. */
    public static String summary(long entries, long checkpoints, long unchecked) {
        return "ok: " + entries + " entries and " + checkpoints + " checkpoints verified" + (unchecked == 0 ? ""
            : "; " + unchecked + " entries after the last checkpoint are not covered by a signed checkpoint");
    }

    protected final CheckpointCheck checkpoints() {
        return checkpoints;
    }

    /** The sequence number the next entry must carry. */
    protected final long expectedSeq() {
        return expectedSeq;
    }

    /** The chain hash of the last verified entry, itself (not a copy): read it, never change it. */
    protected final byte[] head() {
        return lastHash;
    }

    /** The first failure, if any. */
    protected final Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Records the failure (the first one stands) and stops work started ahead. */
    protected final Failure failWith(Long seq, String message) {
        if (failure == null) {
            failure = new Failure(seq, message);
        }
        checkpoints.stop();
        return failure;
    }

    /**
     * Entry {@code seq}, whose chain hash {@code hash} verified, becomes the head; the checkpoint
     * ending there, if any, is checked.
     *
     * @return the failure, or null
     */
    protected final Failure advance(long seq, byte[] hash) {
        System.arraycopy(hash, 0, lastHash, 0, ChainHash.SIZE);
        expectedSeq++;
        frontier.addEntry(lastHash);
        if (!checkpoints.due(seq)) {
            return null;
        }
        Failure f = checkpoints.after(seq, frontier, lastHash);
        return f == null ? null : failWith(f.seq(), f.message());
    }

    /** Checks that the chain ends where the recorded head says it does, and no checkpoint is left. */
    public final Optional<Failure> finish(long headSeq, byte[] headHash) {
        if (failure != null) {
            return failure();
        }
        checkpoints.stop();
        Failure end = headProblem(verified(), lastHash, headSeq, headHash);
        if (end == null) {
            end = checkpoints.leftOver(verified());
        }
        return end == null ? Optional.empty() : Optional.of(failWith(end.seq(), end.message()));
    }

    /** Compares stored balances with the sums of the verified entries; names the first differing account. */
    public final Optional<Failure> checkBalances(Map<String, Long> stored) {
        if (failure != null) {
            return failure();
        }
        return StoredBalances.firstDifference(stored, balances()).map(m -> failWith(null, m));
    }

    /** Balances summed over the verified entries. */
    public abstract Map<String, Long> balances();

    /** The summary of a successful verification. */
    public final String summary() {
        return summary(verified(), checkpoints.verified(), unchecked());
    }

    /**
     * The reply of a successful verification: ok, with the count of entries after the last
     * checkpoint (their chain links verified, but no signature vouches for them).
     */
    public final io.edgecoder.core.message.VerifyReply okReply() {
        return new io.edgecoder.core.message.VerifyReply(true, verified(), null, summary(), checkpoints.verified(), unchecked());
    }

    /** Verified entries that no verified checkpoint covers. */
    public final long unchecked() {
        return verified() - checkpoints.covered();
    }

    /** Whether a failure was found. */
    public final boolean failed() {
        return failure != null;
    }

    /** Number of entries that verified. */
    public final long verified() {
        return expectedSeq - 1;
    }

    public final long checkpointsVerified() {
        return checkpoints.verified();
    }

    public final byte[] lastHash() {
        return lastHash.clone();
    }
}
