package io.edgecoder.core.message;

import java.util.List;

/** RFC 6962 audit path of entry {@code seq} (leaf index seq − 1) to a checkpoint's root; hex hashes. */
public record InclusionProofReply(long seq, long checkpointId, long treeSize, String entryHash, List<String> path,
                                  String root) {
}
