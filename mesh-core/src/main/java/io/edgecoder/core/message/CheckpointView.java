package io.edgecoder.core.message;

import java.time.Instant;

/** A signed ledger checkpoint; hashes and signature hex, key base64 (docs/ledger.md). */
public record CheckpointView(long id, long treeSize, long firstSeq, String root, String headHash, Instant at,
                             String signerNode, String signerKey, String signature) {
}
