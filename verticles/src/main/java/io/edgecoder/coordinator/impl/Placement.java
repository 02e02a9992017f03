package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which worker a slot may be leased on: {@code eligible} and not in {@code exclude} (hard rules),
 * preferring workers outside {@code avoid}, then outside the organisations {@code avoidOrgs}
 * (soft: used only when nothing else fits). An {@code urgent} placement waits at the head of the
 * queue (a tie-break, which only a few trusted workers can serve, must not starve behind
 * ordinary work that any worker can take). With {@code preferOrg} (network mode {@code swarm}),
 * workers of that organisation rank first: others get work only when none of them has a free slot.
 */
public record Placement(Predicate<WorkerEntry> eligible, Set<String> exclude, Set<String> avoid, Set<String> avoidOrgs,
                        boolean urgent, String preferOrg) {

    public Placement {
        exclude = Set.copyOf(exclude);
        avoid = Set.copyOf(avoid);
        avoidOrgs = Set.copyOf(avoidOrgs);
    }

    public Placement(Predicate<WorkerEntry> eligible, Set<String> exclude, Set<String> avoid, Set<String> avoidOrgs,
                     boolean urgent) {
        this(eligible, exclude, avoid, avoidOrgs, urgent, null);
    }

    public Placement(Predicate<WorkerEntry> eligible, Set<String> exclude, Set<String> avoid, Set<String> avoidOrgs) {
        this(eligible, exclude, avoid, avoidOrgs, false);
    }

    /** Any eligible worker, preferring those not in {@code avoid}. */
    public static Placement of(Predicate<WorkerHeartbeat> eligible, Set<String> avoid) {
        return new Placement(e -> eligible.test(e.heartbeat()), Set.of(), avoid, Set.of());
    }

    boolean allows(WorkerEntry e) {
        return !exclude.contains(e.nodeId()) && eligible.test(e);
    }

    /** Lower is better: outside the preferred organisation last, then a worker to avoid, then one of an organisation to avoid. */
    int rank(WorkerEntry e) {
        return (preferOrg != null && !preferOrg.equals(e.org()) ? 4 : 0) + (avoid.contains(e.nodeId()) ? 2 : 0)
            + (e.org() != null && avoidOrgs.contains(e.org()) ? 1 : 0);
    }

    /** The same placement with {@code nodeId} ruled out. */
    public Placement excluding(String nodeId) {
        Set<String> more = new java.util.HashSet<>(exclude);
        more.add(nodeId);
        return new Placement(eligible, more, avoid, avoidOrgs, urgent, preferOrg);
    }

    /** The same placement with {@code nodeId} also preferred against. */
    public Placement avoiding(String nodeId) {
        Set<String> more = new java.util.HashSet<>(avoid);
        more.add(nodeId);
        return new Placement(eligible, exclude, more, avoidOrgs, urgent, preferOrg);
    }
}
