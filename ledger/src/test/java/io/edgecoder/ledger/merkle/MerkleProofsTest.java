package io.edgecoder.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleProofsTest {
    private static final int MAX = 40;

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Merkle.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return out;
    }

    @Test
    void rootMatchesTheRfc6962ReferenceVectors() {
        // Certificate Transparency's reference test vectors: leaves "", 0x00, 0x10, 0x2021, ...
        String[] data = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
        List<byte[]> leaves = new ArrayList<>();
        for (String d : data) {
            leaves.add(Merkle.leafHash(HexFormat.of().parseHex(d)));
        }
        assertThat(HexFormat.of().formatHex(Merkle.root(leaves, 0, 8)))
            .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        assertThat(HexFormat.of().formatHex(Merkle.root(leaves, 0, 1)))
            .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(HexFormat.of().formatHex(Merkle.emptyRoot()))
            .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void frontierRootEqualsTheTreeHashAtEverySize() {
        List<byte[]> leaves = leaves(MAX);
        MerkleFrontier frontier = new MerkleFrontier();
        for (int n = 1; n <= MAX; n++) {
            frontier.add(leaves.get(n - 1));
            assertThat(frontier.root()).as("size %d", n).isEqualTo(Merkle.root(leaves, 0, n));
            MerkleFrontier decoded = MerkleFrontier.decode(frontier.encode());
            assertThat(decoded.root()).isEqualTo(frontier.root());
            assertThat(decoded.size()).isEqualTo(n);
        }
    }

    @Test
    void everyInclusionProofVerifiesAndWrongOnesDoNot() {
        List<byte[]> leaves = leaves(MAX);
        for (int n = 1; n <= MAX; n++) {
            byte[] root = Merkle.root(leaves, 0, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleProofs.inclusion(leaves, m, n);
                assertThat(MerkleProofs.verifyInclusion(m, n, leaves.get(m), proof, root)).as("%d in %d", m, n).isTrue();
                assertThat(MerkleProofs.verifyInclusion(m, n, leaves.get((m + 1) % MAX), proof, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleProofs.verifyInclusion((m + 1) % n, n, leaves.get(m), proof, root)).isFalse();
                    List<byte[]> bent = new ArrayList<>(proof);
                    bent.set(0, leaves.get(MAX - 1 - m));
                    assertThat(MerkleProofs.verifyInclusion(m, n, leaves.get(m), bent, root)).isFalse();
                }
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndWrongOnesDoNot() {
        List<byte[]> leaves = leaves(MAX);
        for (int n = 2; n <= MAX; n++) {
            byte[] rootN = Merkle.root(leaves, 0, n);
            for (int m = 1; m < n; m++) {
                byte[] rootM = Merkle.root(leaves, 0, m);
                List<byte[]> proof = MerkleProofs.consistency(leaves, m, n);
                assertThat(MerkleProofs.verifyConsistency(m, n, rootM, rootN, proof)).as("%d to %d", m, n).isTrue();
                assertThat(MerkleProofs.verifyConsistency(m, n, rootN, rootN, proof)).isFalse();
                assertThat(MerkleProofs.verifyConsistency(m, n, rootM, leaves.get(0), proof)).isFalse();
                byte[] otherRootM = Merkle.root(leaves(MAX).subList(1, MAX), 0, m);
                assertThat(MerkleProofs.verifyConsistency(m, n, otherRootM, rootN, proof)).isFalse();
            }
        }
    }
}
