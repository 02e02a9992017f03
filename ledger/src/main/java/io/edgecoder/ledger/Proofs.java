package io.edgecoder.ledger;

import java.util.List;

/** Proof records handed to clients; hashes are raw 32-byte values (hex on the wire). */
public final class Proofs {
    private Proofs() {
    }

    /**
     * Entry {@code seq} (leaf index seq − 1, leaf hash = RFC 6962 leaf of its chain hash) is in
     * the tree of {@code treeSize} entries whose root checkpoint {@code checkpointId} signed.
     */
    public record Inclusion(long seq, long checkpointId, long treeSize, byte[] entryHash, List<byte[]> path,
                            byte[] root) {
    }

    /** The tree of checkpoint {@code fromId} is a prefix of the tree of checkpoint {@code toId}. */
    public record Consistency(long fromId, long toId, long fromSize, long toSize, byte[] fromRoot, byte[] toRoot,
                              List<byte[]> path) {
    }
}
