package io.edgecoder.ledger;

import io.edgecoder.core.NodeIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the ledger's first {@code treeSize} entries have Merkle root
 * {@code root} and the chain hash of entry {@code treeSize} is {@code headHash}". The
 * signature is Ed25519 over {@link #signedBytes()}:
 * <pre>
 *   "ECK1" | int64 id | int64 tree_size | int64 first_seq | root (32) | head_hash (32)
 *   | int64 at (µs since epoch) | uint32 length + UTF-8 signer_node
 * </pre>
 * The root is also the anchor digest an operator may timestamp externally.
 */
public record Checkpoint(long id, long treeSize, long firstSeq, byte[] root, byte[] headHash, Instant at,
                         String signerNode, String signerKey, byte[] signature) {

    public static Checkpoint sign(long id, long treeSize, long firstSeq, byte[] root, byte[] headHash, Instant at,
                                  NodeIdentity identity) {
        Checkpoint unsigned = new Checkpoint(id, treeSize, firstSeq, root, headHash, ChainHash.truncate(at),
            identity.nodeId(), identity.publicKeyBase64(), new byte[0]);
        return unsigned.withSignature(identity.sign(unsigned.signedBytes()));
    }

    private Checkpoint withSignature(byte[] sig) {
        return new Checkpoint(id, treeSize, firstSeq, root, headHash, at, signerNode, signerKey, sig);
    }

    public byte[] signedBytes() {
        byte[] node = signerNode.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 8 * 3 + 32 + 32 + 8 + 4 + node.length)
            .put(new byte[] {'E', 'C', 'K', '1'}).putLong(id).putLong(treeSize).putLong(firstSeq)
            .put(root).put(headHash).putLong(ChainHash.micros(at)).putInt(node.length).put(node).array();
    }

    /** Whether the signature is valid for the recorded key and the key belongs to the recorded node. */
    public boolean signatureValid() {
        try {
            boolean keyMatchesNode = NodeIdentity.nodeIdOf(java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(
                    java.util.Base64.getDecoder().decode(signerKey)))).equals(signerNode);
            return keyMatchesNode && NodeIdentity.verify(signerKey, signedBytes(), signature);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
