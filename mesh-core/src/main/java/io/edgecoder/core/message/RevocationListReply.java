package io.edgecoder.core.message;

import java.util.List;

/** Every revoked node id. */
public record RevocationListReply(List<String> nodeIds) {
}
