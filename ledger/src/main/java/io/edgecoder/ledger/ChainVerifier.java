package io.edgecoder.ledger;

import io.edgecoder.ledger.merkle.Merkle;
import io.edgecoder.ledger.merkle.MerkleFrontier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
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
 * the stored ones. Not thread-safe; used for the database and for export files.
 */
public final class ChainVerifier {
    private final Deque<Checkpoint> checkpoints;
    private final Set<String> trustedKeys;
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final Map<String, Long> balances = new HashMap<>();
    private long expectedSeq = 1;
    private byte[] lastHash = ChainHash.genesis();
    private long checkpointsVerified;
    private long coveredSize;
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
        this.checkpoints = new ArrayDeque<>(checkpoints);
        this.trustedKeys = Set.copyOf(trustedKeys);
    }

    /** Checks the next entry; after the first failure every call returns that failure. */
    public Optional<Failure> accept(LedgerEntry e) {
        if (failure != null) {
            return Optional.of(failure);
        }
        if (e.seq() != expectedSeq) {
            return fail(expectedSeq, e.seq() > expectedSeq
                ? "entry " + expectedSeq + " is missing (next stored entry is " + e.seq() + ")"
                : "entry " + e.seq() + " is out of order (expected " + expectedSeq + ")");
        }
        if (!Arrays.equals(e.prevHash(), lastHash)) {
            return fail(e.seq(), "entry " + e.seq() + ": previous hash does not match the hash of entry " + (e.seq() - 1));
        }
        if (!Arrays.equals(ChainHash.of(e), e.hash())) {
            return fail(e.seq(), "entry " + e.seq() + ": stored hash does not match its content");
        }
        balances.merge(e.from(), -e.amountMilli(), Math::addExact);
        balances.merge(e.to(), e.amountMilli(), Math::addExact);
        lastHash = e.hash();
        expectedSeq++;
        frontier.add(Merkle.leafHash(e.hash()));
        return checkpointAt(e.seq());
    }

    private Optional<Failure> checkpointAt(long seq) {
        Checkpoint cp = checkpoints.peek();
        if (cp == null || cp.treeSize() != seq) {
            return cp != null && cp.treeSize() < seq ? checkpointOrder(cp) : Optional.empty();
        }
        checkpoints.poll();
        long expectedId = checkpointsVerified + 1;
        if (cp.id() != expectedId) {
            return fail(null, "checkpoint " + expectedId + " is missing (found checkpoint " + cp.id() + ")");
        }
        if (!cp.signatureValid() || (!trustedKeys.isEmpty() && !trustedKeys.contains(cp.signerKey()))) {
            return fail(null, "checkpoint " + cp.id() + ": signature does not verify with a trusted key");
        }
        if (!Arrays.equals(cp.root(), frontier.root()) || !Arrays.equals(cp.headHash(), lastHash)) {
            return fail(cp.firstSeq(), "entries " + cp.firstSeq() + ".." + seq
                + " do not match the signed root of checkpoint " + cp.id());
        }
        if (cp.firstSeq() != coveredSize + 1) {
            return fail(null, "checkpoint " + cp.id() + " starts at entry " + cp.firstSeq() + ", expected " + (coveredSize + 1));
        }
        coveredSize = seq;
        checkpointsVerified++;
        return Optional.empty();
    }

    private Optional<Failure> checkpointOrder(Checkpoint cp) {
        return fail(null, "checkpoint " + cp.id() + " has tree size " + cp.treeSize() + " out of order");
    }

    /** Checks that the chain ends where the recorded head says it does, and no checkpoint is left. */
    public Optional<Failure> finish(long headSeq, byte[] headHash) {
        if (failure != null) {
            return Optional.of(failure);
        }
        long last = expectedSeq - 1;
        if (headSeq > last) {
            return fail(last + 1, "entry " + (last + 1) + " is missing (the head records " + headSeq + " entries)");
        }
        if (headSeq < last) {
            return fail(headSeq + 1, "entry " + (headSeq + 1) + " is beyond the recorded head " + headSeq);
        }
        if (!Arrays.equals(headHash, lastHash)) {
            return fail(last, "entry " + last + ": hash differs from the recorded head");
        }
        Checkpoint left = checkpoints.peek();
        if (left != null) {
            return fail(last + 1, "checkpoint " + left.id() + " covers " + left.treeSize()
                + " entries but the chain ends at " + last);
        }
        return Optional.empty();
    }

    /** Compares stored balances with the sums of the verified entries; names the first differing account. */
    public Optional<Failure> checkBalances(Map<String, Long> stored) {
        if (failure != null) {
            return Optional.of(failure);
        }
        java.util.TreeSet<String> accounts = new java.util.TreeSet<>(stored.keySet());
        accounts.addAll(balances.keySet());
        for (String account : accounts) {
            long s = stored.getOrDefault(account, 0L);
            long c = balances.getOrDefault(account, 0L);
            if (s != c) {
                return fail(null, "stored balance of " + account + " is " + s + " but the entries sum to " + c);
            }
        }
        return Optional.empty();
    }

    /** The summary of a successful verification. */
    public String summary() {
        return "ok: " + verified() + " entries and " + checkpointsVerified + " checkpoints verified";
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
        return checkpointsVerified;
    }

    public byte[] lastHash() {
        return lastHash.clone();
    }

    /** Balances summed over the verified entries. */
    public Map<String, Long> balances() {
        return balances;
    }
}
