package io.edgecoder.ledger.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Inclusion (audit path) and consistency proofs of RFC 6962 §2.1.1–2.1.2, generated from the
 * list of leaf hashes, and their verification as specified in RFC 9162 §2.1.3.2 and §2.1.4.2.
 * Indexes are 0-based leaf positions (the ledger's leaf {@code i} is entry {@code i + 1}).
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** PATH(index, D[0:size]). */
    public static List<byte[]> inclusion(List<byte[]> leaves, long index, long size) {
        if (index < 0 || index >= size || size > leaves.size()) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(leaves, (int) index, 0, (int) size, proof);
        return proof;
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = Merkle.largestPowerOfTwoBelow(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(Merkle.root(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(Merkle.root(leaves, from, from + k));
        }
    }

    /** PROOF(first, D[0:second]), for 0 < first < second. */
    public static List<byte[]> consistency(List<byte[]> leaves, long first, long second) {
        if (first <= 0 || first >= second || second > leaves.size()) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(leaves, (int) first, 0, (int) second, true, proof);
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean whole, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!whole) {
                out.add(Merkle.root(leaves, from, to));
            }
            return;
        }
        int k = Merkle.largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, whole, out);
            out.add(Merkle.root(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(Merkle.root(leaves, from, from + k));
        }
    }

    /** RFC 9162 §2.1.3.2. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        Walk walk = new Walk(index, size - 1);
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (walk.atRoot()) {
                return false;
            }
            r = walk.up() ? Merkle.nodeHash(p, r) : Merkle.nodeHash(r, p);
        }
        return walk.atRoot() && Arrays.equals(r, root);
    }

    /** RFC 9162 §2.1.4.2, for 0 < first < second. */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first <= 0 || first >= second || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        Walk walk = new Walk(first - 1, second - 1);
        walk.skipRightChildren();
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (walk.atRoot()) {
                return false;
            }
            if (walk.up()) {
                fr = Merkle.nodeHash(c, fr);
                sr = Merkle.nodeHash(c, sr);
            } else {
                sr = Merkle.nodeHash(sr, c);
            }
        }
        return walk.atRoot() && Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot);
    }

    /** The node indexes fn and sn that both RFC 9162 verifications move up the tree, one proof node at a time. */
    private static final class Walk {
        private long fn;
        private long sn;

        Walk(long fn, long sn) {
            this.fn = fn;
            this.sn = sn;
        }

        boolean atRoot() {
            return sn == 0;
        }

        /** Shifts while fn is a right child (LSB(fn) set). */
        void skipRightChildren() {
            while ((fn & 1) == 1) {
                shift();
            }
        }

        /** Moves up past the next proof node; answers whether that node is a left sibling. */
        boolean up() {
            boolean left = (fn & 1) == 1 || fn == sn;
            if (left) {
                while ((fn & 1) == 0 && fn != 0) {
                    shift();
                }
            }
            shift();
            return left;
        }

        private void shift() {
            fn >>= 1;
            sn >>= 1;
        }
    }
}
