package io.edgecoder.ledger.verify;

import io.edgecoder.ledger.ChainVerifier.Failure;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.merkle.MerkleFrontier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The checkpoint half of verification, held by {@link ChainCheck} for both
 * {@link io.edgecoder.ledger.ChainVerifier} and {@link BatchVerifier}, so both judge
 * checkpoints, and word their failures, the same way:
 * checkpoints numbered 1, 2, 3…, each signed by a trusted key (with no trusted key, the first
 * checkpoint fails naming its signer, unless the set holds {@link #ANY_SIGNER}), each root and head hash equal
 * to those of the entries it covers, each starting where the one before ended. Signatures do
 * not depend on the entries, so they may be checked ahead on a thread of their own
 * ({@link #checkSignaturesAhead}); each result is still consulted where the entries reach
 * its checkpoint, so failures come in the same order either way.
 */
public final class CheckpointCheck {
    /** In a trusted key set: accept a valid signature by any key (the operator's explicit choice). */
    public static final String ANY_SIGNER = "*";
    private final List<Checkpoint> checkpoints;
    private final Set<String> trustedKeys;
    private int next;
    private CompletableFuture<?>[] signatures;
    private volatile boolean stopped;
    private long verified;
    private long covered;

    /**
     * @param checkpoints in id order
     * @param trustedKeys base64 public keys allowed to sign; empty = none (every checkpoint fails,
     *                    naming its signer); {@link #ANY_SIGNER} = any valid signature
     */
    public CheckpointCheck(List<Checkpoint> checkpoints, Set<String> trustedKeys) {
        this.checkpoints = List.copyOf(checkpoints);
        this.trustedKeys = Set.copyOf(trustedKeys);
    }

    /**
     * Starts checking every checkpoint's signature, in order, on a daemon thread of its own,
     * until done or {@link #stop}ped. Call once, before the first {@link #after}.
     */
    public void checkSignaturesAhead() {
        if (checkpoints.isEmpty()) {
            return;
        }
        signatures = new CompletableFuture<?>[checkpoints.size()];
        Arrays.setAll(signatures, i -> new CompletableFuture<String>());
        Thread thread = new Thread(this::checkAll, "ledger-verify-signatures");
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    private void checkAll() {
        for (int i = 0; i < checkpoints.size() && !stopped; i++) {
            CompletableFuture<String> result = (CompletableFuture<String>) signatures[i];
            try {
                result.complete(signatureProblem(checkpoints.get(i)));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    /** Stops checking ahead (verification ended). */
    public void stop() {
        stopped = true;
    }

    /** Why the checkpoint's signature is not accepted, or null when it is. */
    private String signatureProblem(Checkpoint cp) {
        if (!cp.signatureValid()) {
            return "checkpoint " + cp.id() + ": signature does not verify";
        }
        if (trustedKeys.contains(ANY_SIGNER) || trustedKeys.contains(cp.signerKey())) {
            return null;
        }
        return "checkpoint " + cp.id() + " is signed by " + cp.signerKey() + ", which is not a trusted key"
            + (trustedKeys.isEmpty() ? " (no key is trusted: give the ledger node's key with --trust KEY or in "
                + TRUSTED_KEYS_SETTING + ", or accept any signer with --trust-any-signer)" : "");
    }

    /** The setting that lists the deployment's checkpoint keys (named in failures). */
    public static final String TRUSTED_KEYS_SETTING = "ledger.checkpoint.trusted.keys";

    private String signatureOk(int index, Checkpoint cp) {
        if (signatures == null) {
            return signatureProblem(cp);
        }
        try {
            return (String) signatures[index].join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** Whether a checkpoint ends at or before {@code seq}, so {@link #after} has work to do. */
    public boolean due(long seq) {
        return next < checkpoints.size() && checkpoints.get(next).treeSize() <= seq;
    }

    /**
     * Checks the checkpoint ending at entry {@code seq}, if any, once that entry verified.
     *
     * @param frontier the Merkle frontier over entries 1..seq
     * @param lastHash the chain hash of entry seq
     * @return the failure, or null
     */
    public Failure after(long seq, MerkleFrontier frontier, byte[] lastHash) {
        Checkpoint cp = next < checkpoints.size() ? checkpoints.get(next) : null;
        if (cp == null || cp.treeSize() != seq) {
            return cp != null && cp.treeSize() < seq
                ? new Failure(null, "checkpoint " + cp.id() + " has tree size " + cp.treeSize() + " out of order") : null;
        }
        int index = next++;
        long expectedId = verified + 1;
        if (cp.id() != expectedId) {
            return new Failure(null, "checkpoint " + expectedId + " is missing (found checkpoint " + cp.id() + ")");
        }
        String signature = signatureOk(index, cp);
        if (signature != null) {
            return new Failure(null, signature);
        }
        if (!Arrays.equals(cp.root(), frontier.root()) || !Arrays.equals(cp.headHash(), lastHash)) {
            return new Failure(cp.firstSeq(), "entries " + cp.firstSeq() + ".." + seq
                + " do not match the signed root of checkpoint " + cp.id());
        }
        if (cp.firstSeq() != covered + 1) {
            return new Failure(null, "checkpoint " + cp.id() + " starts at entry " + cp.firstSeq()
                + ", expected " + (covered + 1));
        }
        covered = seq;
        verified++;
        return null;
    }

    /** At the end of a chain of {@code last} entries: a checkpoint left over, or null. */
    public Failure leftOver(long last) {
        Checkpoint left = next < checkpoints.size() ? checkpoints.get(next) : null;
        return left == null ? null : new Failure(last + 1, "checkpoint " + left.id() + " covers " + left.treeSize()
            + " entries but the chain ends at " + last);
    }

    public long verified() {
        return verified;
    }

    /** Entries 1..covered are covered by verified checkpoints. */
    public long covered() {
        return covered;
    }
}
