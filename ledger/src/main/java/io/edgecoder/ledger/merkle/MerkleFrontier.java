package io.edgecoder.ledger.merkle;

import io.edgecoder.ledger.ChainHash;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an append-only RFC 6962 tree: the roots of the perfect subtrees that the
 * binary decomposition of the size yields, largest first. Appending a leaf and computing the
 * root take O(log n) hashes, so checkpoints and verification never rebuild the whole tree.
 * It can be encoded to bytes and stored beside a checkpoint. Not thread-safe (it keeps one
 * digest for all its hashing).
 */
public final class MerkleFrontier {
    private final List<byte[]> peaks;
    private final MessageDigest md = ChainHash.sha256();
    private long size;

    public MerkleFrontier() {
        this(0, new ArrayList<>());
    }

    private MerkleFrontier(long size, List<byte[]> peaks) {
        this.size = size;
        this.peaks = peaks;
    }

    public long size() {
        return size;
    }

    /** Appends the leaf of an entry whose chain hash is {@code entryHash}: {@link Merkle#leafHash}, then {@link #add}. */
    public void addEntry(byte[] entryHash) {
        add(Merkle.leafHash(md, entryHash));
    }

    /** Appends a leaf hash (already {@link Merkle#leafHash}ed). */
    public void add(byte[] leafHash) {
        byte[] carry = leafHash;
        long s = size;
        while ((s & 1) == 1) {
            carry = Merkle.nodeHash(md, peaks.remove(peaks.size() - 1), carry);
            s >>= 1;
        }
        peaks.add(carry);
        size++;
    }

    /** The Merkle Tree Hash of the leaves appended so far. */
    public byte[] root() {
        if (size == 0) {
            return Merkle.emptyRoot();
        }
        byte[] acc = peaks.get(peaks.size() - 1);
        for (int i = peaks.size() - 2; i >= 0; i--) {
            acc = Merkle.nodeHash(md, peaks.get(i), acc);
        }
        return acc;
    }

    public MerkleFrontier copy() {
        return new MerkleFrontier(size, new ArrayList<>(peaks));
    }

    /** int64 size, then the peaks (32 bytes each, largest subtree first). */
    public byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(8 + peaks.size() * Merkle.SIZE);
        buf.putLong(size);
        peaks.forEach(buf::put);
        return buf.array();
    }

    public static MerkleFrontier decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long size = buf.getLong();
        int count = Long.bitCount(size);
        if (bytes.length != 8 + count * Merkle.SIZE) {
            throw new IllegalArgumentException("frontier of size " + size + " needs " + count + " peaks");
        }
        List<byte[]> peaks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] peak = new byte[Merkle.SIZE];
            buf.get(peak);
            peaks.add(peak);
        }
        return new MerkleFrontier(size, peaks);
    }
}
