package io.edgecoder.coordinator.impl;

import java.util.Optional;

/**
 * One placement decision of a {@link CapacityTable}: among the free workers, those the placement
 * allows (and neither revoked nor barred), the best ranked ({@link Placement}'s rank and
 * preference, then power, then the most free slots, then the fewest leases), with the explanation
 * of why it was chosen and why the others were passed over.
 */
final class WorkerChoice {
    private final WorkerIndex workers;

    WorkerChoice(WorkerIndex workers) {
        this.workers = workers;
    }

    /** A lease on the best free worker the placement allows, or empty when none is free. */
    Optional<CapacityTable.Lease> choose(Placement placement, CapacityTable table) {
        WorkerState best = null;
        int candidates = 0;
        PassedOver passed = new PassedOver();
        for (WorkerState w : workers.free()) {
            String refusal = !workers.usable(w) ? workers.usableRefusal(w) : placement.refusal(w.entry);
            if (refusal != null) {
                passed.add(refusal, w.entry.nodeId());
                continue;
            }
            candidates++;
            if (best == null || better(placement, w, best)) {
                best = w;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        explainOthers(placement, passed, candidates);
        String why = "worker " + best.entry.nodeId() + " (" + best.describe() + "): best of " + candidates
            + " free eligible worker(s) by organisation rules, locality and reputation, power, then free slots";
        return Optional.of(best.lease(table, why, passed.lines()));
    }

    /** Adds the workers outside the free set: idle for power (with their reason) and busy ones (counted). */
    private void explainOthers(Placement placement, PassedOver passed, int candidates) {
        if (candidates > 1) {
            passed.addCount("eligible but ranked lower", candidates - 1);
        }
        for (WorkerState w : workers.idle()) {
            String refusal = placement.refusal(w.entry);
            passed.add(refusal != null ? refusal : w.powerRefusal(), w.entry.nodeId());
        }
        passed.addCount("no free slot (eligibility not checked)", workers.size() - workers.free().size() - workers.idle().size());
    }

    private static boolean better(Placement p, WorkerState a, WorkerState b) {
        int c = Integer.compare(p.rank(a.entry), p.rank(b.entry));
        if (c == 0) {
            c = p.preference().compare(a.entry, b.entry);
        }
        if (c == 0) {
            c = Integer.compare(a.power().penalty(), b.power().penalty());
        }
        if (c == 0) {
            c = Integer.compare(b.free(), a.free());
        }
        if (c == 0) {
            c = Integer.compare(a.leases.size(), b.leases.size());
        }
        return c < 0;
    }
}
