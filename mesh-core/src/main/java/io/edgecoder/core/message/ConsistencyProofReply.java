package io.edgecoder.core.message;

import java.util.List;

/** RFC 6962 consistency proof between two checkpoints; hex hashes. */
public record ConsistencyProofReply(long fromId, long toId, long fromSize, long toSize, String fromRoot,
                                    String toRoot, List<String> path) {
}
