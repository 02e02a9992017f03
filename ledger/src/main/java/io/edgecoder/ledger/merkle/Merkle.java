package io.edgecoder.ledger.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * RFC 6962 hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), and
 * the Merkle Tree Hash of a list of leaf hashes (MTH), splitting at the largest power of two
 * below the size. The ledger's leaves are the chain hashes of its entries, in sequence order.
 */
public final class Merkle {
    public static final int SIZE = 32;

    private Merkle() {
    }

    public static byte[] leafHash(byte[] data) {
        return leafHash(io.edgecoder.ledger.ChainHash.sha256(), data);
    }

    /** {@link #leafHash(byte[])} with a caller's digest (reset on return), to avoid a provider look-up per leaf. */
    public static byte[] leafHash(MessageDigest md, byte[] data) {
        md.update((byte) 0);
        md.update(data);
        return md.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(io.edgecoder.ledger.ChainHash.sha256(), left, right);
    }

    /** {@link #nodeHash(byte[], byte[])} with a caller's digest (reset on return). */
    public static byte[] nodeHash(MessageDigest md, byte[] left, byte[] right) {
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** SHA-256 of nothing: the root of the empty tree. */
    public static byte[] emptyRoot() {
        return io.edgecoder.ledger.ChainHash.sha256().digest();
    }

    /** MTH over leaf hashes {@code [from, to)}. */
    public static byte[] root(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(root(leafHashes, from, from + k), root(leafHashes, from + k, to));
    }

    /** The largest power of two strictly less than {@code n} (n ≥ 2). */
    static int largestPowerOfTwoBelow(long n) {
        return (int) Long.highestOneBit(n - 1);
    }
}
