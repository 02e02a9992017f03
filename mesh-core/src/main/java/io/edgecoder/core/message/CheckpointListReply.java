package io.edgecoder.core.message;

import java.util.List;

/** Ledger checkpoints in id order. */
public record CheckpointListReply(List<CheckpointView> checkpoints) {
}
