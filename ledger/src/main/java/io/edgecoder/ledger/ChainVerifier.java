package io.edgecoder.ledger;

import io.edgecoder.ledger.verify.ChainCheck;
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
 * verifications use; both share {@link ChainCheck} (the chain's state, the end checks, the
 * wording of failures), and a contract test holds both to the same failures.
 */
public final class ChainVerifier extends ChainCheck {
    private final MessageDigest md = ChainHash.sha256();
    private final Map<String, Long> balances = new HashMap<>();

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
     * @param trustedKeys base64 public keys allowed to sign checkpoints; empty = none; {@code CheckpointCheck.ANY_SIGNER} = any valid signature
     */
    public ChainVerifier(List<Checkpoint> checkpoints, Set<String> trustedKeys) {
        super(checkpoints, trustedKeys);
    }

    /** Checks the next entry; after the first failure every call returns that failure. */
    public Optional<Failure> accept(LedgerEntry e) {
        if (failed()) {
            return failure();
        }
        long expected = expectedSeq();
        if (e.seq() != expected) {
            return fail(expected, sequenceProblem(expected, e.seq()));
        }
        if (!Arrays.equals(e.prevHash(), head())) {
            return fail(e.seq(), linkProblem(e.seq()));
        }
        if (!Arrays.equals(ChainHash.of(md, e), e.hash())) {
            return fail(e.seq(), hashProblem(e.seq()));
        }
        balances.merge(e.from(), -e.amountMilli(), Math::addExact);
        balances.merge(e.to(), e.amountMilli(), Math::addExact);
        return Optional.ofNullable(advance(e.seq(), e.hash()));
    }

    /** Failure for an entry that could not even be decoded (e.g. an unknown kind). */
    public Optional<Failure> reject(long seq, String message) {
        return failed() ? failure() : fail(seq, message);
    }

    private Optional<Failure> fail(long seq, String message) {
        return Optional.of(failWith(seq, message));
    }

    /** Balances summed over the verified entries. */
    @Override
    public Map<String, Long> balances() {
        return balances;
    }
}
