package io.edgecoder.ledger;

import io.edgecoder.ledger.merkle.MerkleFrontier;
import io.edgecoder.ledger.verify.CheckpointCheck;
import io.edgecoder.ledger.verify.StoredBalances;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks entries one after the other, in sequence order: contiguous sequence numbers from 1,
 * each previous hash equal to the hash before it, each hash equal to the recomputed one; and
 * the checkpoints: numbered 1, 2, 3…, each signed by a trusted key, each root equal to the
 * Merkle root of the entries it covers. It sums balances so the caller can compare them with
 * the stored ones. Not thread-safe.
 *
 * <p>This is the simple, entry-object form and the reference for the fast one,
 * {@link io.edgecoder.ledger.verify.BatchVerifier}, which the database and export-file
 * verifications use; a contract test holds both to the same failures.
 */
public final class ChainVerifier {
    private final CheckpointCheck checkpoints;
    private final MessageDigest md = ChainHash.sha256();
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final Map<String, Long> balances = new HashMap<>();
    private long expectedSeq = 1;
    private byte[] lastHash = ChainHash.genesis();
    private Failure failure;

    /**
     * A verification failure.
     *
     * @param seq the first entry that does not verify, or null when the fault is not in an
     *            entry (a checkpoint's signature, a stored balance)
     */
    public record Failure(Long seq, String message) {
    }

    /** A verifier without checkpoints. */
    public ChainVerifier() {
        this(List.of(), Set.of());
    }

    /**
     * @param checkpoints in id order
     * @param trustedKeys base64 public keys allowed to sign checkpoints; empty = any valid signature
     */
    public ChainVerifier(List<Checkpoint> checkpoints, Set<String> trustedKeys) {
        this.checkpoints = new CheckpointCheck(checkpoints, trustedKeys);
    }

    /** Checks the next entry; after the first failure every call returns that failure. */
    public Optional<Failure> accept(LedgerEntry e) {
        if (failure != null) {
            return Optional.of(failure);
        }
        if (e.seq() != expectedSeq) {
            return fail(expectedSeq, sequenceProblem(expectedSeq, e.seq()));
        }
        if (!Arrays.equals(e.prevHash(), lastHash)) {
            return fail(e.seq(), linkProblem(e.seq()));
        }
        if (!Arrays.equals(ChainHash.of(md, e), e.hash())) {
            return fail(e.seq(), hashProblem(e.seq()));
        }
        balances.merge(e.from(), -e.amountMilli(), Math::addExact);
        balances.merge(e.to(), e.amountMilli(), Math::addExact);
        lastHash = e.hash();
        expectedSeq++;
        frontier.addEntry(e.hash());
        Failure f = checkpoints.after(e.seq(), frontier, lastHash);
        return f == null ? Optional.empty() : fail(f.seq(), f.message());
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

    /** Checks that the chain ends where the recorded head says it does, and no checkpoint is left. */
    public Optional<Failure> finish(long headSeq, byte[] headHash) {
        if (failure != null) {
            return Optional.of(failure);
        }
        Failure end = headProblem(expectedSeq - 1, lastHash, headSeq, headHash);
        if (end == null) {
            end = checkpoints.leftOver(expectedSeq - 1);
        }
        return end == null ? Optional.empty() : fail(end.seq(), end.message());
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

    /** Compares stored balances with the sums of the verified entries; names the first differing account. */
    public Optional<Failure> checkBalances(Map<String, Long> stored) {
        if (failure != null) {
            return Optional.of(failure);
        }
        Optional<String> difference = StoredBalances.firstDifference(stored, balances);
        return difference.isPresent() ? fail(null, difference.get()) : Optional.empty();
    }

    /** The summary of a successful verification. */
    public String summary() {
        return summary(verified(), checkpoints.verified());
    }

    public static String summary(long entries, long checkpoints) {
        return "ok: " + entries + " entries and " + checkpoints + " checkpoints verified";
    }

    /** Failure for an entry that could not even be decoded (e.g. an unknown kind). */
    public Optional<Failure> reject(long seq, String message) {
        return failure != null ? Optional.of(failure) : fail(seq, message);
    }

    private Optional<Failure> fail(Long seq, String message) {
        failure = new Failure(seq, message);
        return Optional.of(failure);
    }

    /** Whether a failure was found. */
    public boolean failed() {
        return failure != null;
    }

    /** Number of entries that verified. */
    public long verified() {
        return expectedSeq - 1;
    }

    public long checkpointsVerified() {
        return checkpoints.verified();
    }

    public byte[] lastHash() {
        return lastHash.clone();
    }

    /** Balances summed over the verified entries. */
    public Map<String, Long> balances() {
        return balances;
    }
}
