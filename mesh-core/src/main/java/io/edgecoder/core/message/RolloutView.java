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
 * @param roles only nodes with one of these roles take part; empty: every node
 */
public record RolloutView(long id, String name, String kind, Map<String, String> settings, String agentVersion,
                          List<Integer> steps, int stepIndex, int percent, String state, Double maxErrorRate, Long maxLatencyMs,
                          int stepSeconds, int minRuns, String createdBy, Instant createdAt, Instant stepStartedAt,
                          String stateReason, long version, int selected, int applied, List<String> roles) {
    public RolloutView {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        steps = steps == null ? List.of() : List.copyOf(steps);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** This rollout as committed under {@code v}. */
    public RolloutView withVersion(long v) {
        return new RolloutView(id, name, kind, settings, agentVersion, steps, stepIndex, percent, state, maxErrorRate, maxLatencyMs,
            stepSeconds, minRuns, createdBy, createdAt, stepStartedAt, stateReason, v, selected, applied, roles);
    }

    /** This rollout with the node counts of a status reply. */
    public RolloutView withCounts(int selectedNodes, int appliedNodes) {
        return new RolloutView(id, name, kind, settings, agentVersion, steps, stepIndex, percent, state, maxErrorRate, maxLatencyMs,
            stepSeconds, minRuns, createdBy, createdAt, stepStartedAt, stateReason, version, selectedNodes, appliedNodes, roles);
    }

    /** Whether a node with {@code nodeRoles} (role ids) and id {@code nodeId} takes this rollout at its current percentage. */
    public boolean selects(String nodeId, java.util.Collection<String> nodeRoles) {
        return (roles.isEmpty() || roles.stream().anyMatch(nodeRoles::contains))
            && io.edgecoder.core.policy.RolloutSelection.selected(name, nodeId, percent);
    }
}
