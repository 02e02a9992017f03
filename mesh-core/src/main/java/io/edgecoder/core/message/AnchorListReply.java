package io.edgecoder.core.message;

import java.util.List;

/** Anchors in checkpoint id order, then by service. */
public record AnchorListReply(List<AnchorView> anchors) {
}
