package io.edgecoder.core.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rollout and where it stands.
 *
 * @param state running | paused | completed | rolled-back
 * @param stepIndex index into {@code steps} of the current step
 * @param percent the share of nodes selected now (0 once rolled back); a node is selected when
 *     {@code io.edgecoder.core.policy.RolloutSelection.selected(name, nodeId, percent)}
 * @param stateReason why it is in its state (for example the health regression that paused it)
 * @param version the policy version of its last change
 * @param selected nodes that acknowledged the current version and are selected (status replies only)
 * @param applied nodes whose acknowledgement lists this rollout (status replies only)
 */
public record RolloutView(long id, String name, String kind, Map<String, String> settings, String agentVersion,
                          List<Integer> steps, int stepIndex, int percent, String state, Double maxErrorRate, Long maxLatencyMs,
                          int stepSeconds, int minRuns, String createdBy, Instant createdAt, Instant stepStartedAt,
                          String stateReason, long version, int selected, int applied) {
    public RolloutView {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
