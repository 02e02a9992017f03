package io.edgecoder.core.message;

import java.util.List;

/** Rollouts, newest first. */
public record RolloutListReply(List<RolloutView> rollouts) {
    public RolloutListReply {
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
    }
}
