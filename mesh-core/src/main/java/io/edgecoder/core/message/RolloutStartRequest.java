package io.edgecoder.core.message;

import java.util.List;
import java.util.Map;

/**
 * Starts a rollout.
 *
 * @param name unique, 1..64 of [A-Za-z0-9._-]; also the salt of the node selection
 * @param kind config (applies {@code settings}) | agent (asks nodes to run {@code agentVersion})
 * @param settings for config rollouts: keys 1..64 of [a-z0-9._-], values at most 200 characters, at most 32
 * @param steps target percentages, strictly increasing, each 1..100 (for example 10, 50, 100)
 * @param maxErrorRate health gate: pause when a node that applied it reports a higher error rate (0..1)
 * @param maxLatencyMs health gate: pause when a node that applied it reports a higher mean latency
 * @param stepSeconds how long a step must stay healthy before the next one (1..86400; default 60)
 * @param minRuns runs a node must report before its error rate counts (default 5)
 * @param roles only nodes with one of these roles take part (for example worker); empty or null: every node
 */
public record RolloutStartRequest(String name, String kind, Map<String, String> settings, String agentVersion,
                                  List<Integer> steps, Double maxErrorRate, Long maxLatencyMs, Integer stepSeconds,
                                  String actor, Integer minRuns, List<String> roles) {
    /** A rollout to every node. */
    public RolloutStartRequest(String name, String kind, Map<String, String> settings, String agentVersion, List<Integer> steps,
                               Double maxErrorRate, Long maxLatencyMs, Integer stepSeconds, String actor, Integer minRuns) {
        this(name, kind, settings, agentVersion, steps, maxErrorRate, maxLatencyMs, stepSeconds, actor, minRuns, null);
    }
}
