package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.WorkerHeartbeat;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which worker a slot may be leased on: one {@code why} finds no reason against, and not in
 * {@code exclude} (hard rules), preferring workers outside {@code avoid}, then outside the
 * organisations {@code avoidOrgs} (soft: used only when nothing else fits). An {@code urgent}
 * placement waits at the head of the queue (a tie-break, which only a few trusted workers can serve,
 * must not starve behind ordinary work that any worker can take). With {@code preferOrg} (network
 * mode {@code swarm}), workers of that organisation rank first: others get work only when none of
 * them has a free slot. Among equally ranked workers {@code preference} (locality, reputation)
 * decides before power and free capacity. {@code ticket} says whose work it is, for fair shares.
 *
 * @param why the reason a worker may not run this work (language, isolation, organisation, network
 *     mode, quarantine, ...), or null when it may; shown to the requester as why a worker was passed over
 */
public record Placement(Function<WorkerEntry, String> why, Set<String> exclude, Set<String> avoid, Set<String> avoidOrgs,
                        boolean urgent, String preferOrg, Comparator<WorkerEntry> preference, Ticket ticket) {

    /** No preference beyond rank, power and free capacity. */
    public static final Comparator<WorkerEntry> NO_PREFERENCE = (a, b) -> 0;

    public Placement {
        exclude = Set.copyOf(exclude);
        avoid = Set.copyOf(avoid);
        avoidOrgs = Set.copyOf(avoidOrgs);
        preference = preference == null ? NO_PREFERENCE : preference;
        ticket = ticket == null ? Ticket.OPERATOR : ticket;
    }

    public Placement(Predicate<WorkerEntry> eligible, Set<String> exclude, Set<String> avoid, Set<String> avoidOrgs,
                     boolean urgent, String preferOrg) {
        this(e -> eligible.test(e) ? null : "not eligible", exclude, avoid, avoidOrgs, urgent, preferOrg, NO_PREFERENCE, null);
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

    /** Whose work a placement serves: the requester's account, the job's priority (0..9) and the job. */
    public record Ticket(String account, int priority, String jobId) {
        /** Work of no particular account (tools, tests). */
        public static final Ticket OPERATOR = new Ticket("operator", 5, null);

        public Ticket {
            account = account == null ? "operator" : account;
            priority = Math.max(0, Math.min(9, priority));
        }
    }

    /** The reason {@code e} may not take this work, or null when it may. */
    String refusal(WorkerEntry e) {
        return exclude.contains(e.nodeId()) ? "already tried for this subtask" : why.apply(e);
    }

    boolean allows(WorkerEntry e) {
        return refusal(e) == null;
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
        return new Placement(why, more, avoid, avoidOrgs, urgent, preferOrg, preference, ticket);
    }

    /** The same placement with {@code nodeId} also preferred against. */
    public Placement avoiding(String nodeId) {
        Set<String> more = new java.util.HashSet<>(avoid);
        more.add(nodeId);
        return new Placement(why, exclude, more, avoidOrgs, urgent, preferOrg, preference, ticket);
    }

    /** The same placement for {@code ticket}'s account, priority and job. */
    public Placement forTicket(Ticket ticket) {
        return new Placement(why, exclude, avoid, avoidOrgs, urgent, preferOrg, preference, ticket);
    }
}
