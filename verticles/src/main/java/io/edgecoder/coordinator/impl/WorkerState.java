package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerPower;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One worker in the {@link CapacityTable}: its latest heartbeat, when it was heard, and the leases
 * this coordinator holds on it. Its usable slots are its slots scaled by the CPU share its owner
 * allows now (at least one while the share is above zero); a worker whose power state refuses work
 * (quiet hours, on battery without the owner's consent, no share) has none.
 */
final class WorkerState {
    WorkerHeartbeat heartbeat;
    WorkerEntry entry;
    long lastSeen;
    final Set<CapacityTable.Lease> leases = new LinkedHashSet<>();

    void update(WorkerHeartbeat hb, boolean edge, String carrier, long now) {
        heartbeat = hb;
        entry = WorkerEntry.of(hb, edge, carrier);
        lastSeen = now;
    }

    WorkerPower power() {
        return heartbeat.powerOrFull();
    }

    /** Why the worker's power state or owner refuses work now, or null. */
    String powerRefusal() {
        return power().refusal();
    }

    /** The slots the owner's share allows. */
    int usableSlots() {
        int share = power().share();
        return share >= 100 ? heartbeat.slots() : share == 0 ? 0 : Math.max(1, (heartbeat.slots() * share + 99) / 100);
    }

    /** Free slots as this coordinator sees them: its own leases or the worker's report, whichever is busier. */
    int free() {
        int busyReported = heartbeat.slots() - heartbeat.freeSlots();
        return usableSlots() - Math.max(leases.size(), busyReported);
    }

    /** A few words on the worker for a placement explanation. */
    String describe() {
        WorkerPower p = power();
        String power = p.onBattery() ? "on battery (allowed by its owner)" : "mains power";
        return "org " + heartbeat.org() + ", isolation " + heartbeat.isolation() + ", " + power
            + (p.throttled() ? ", throttled" : "") + (p.lowPower() ? ", low-power mode" : "")
            + ", share " + p.share() + "%, " + free() + "/" + usableSlots() + " usable slots free";
    }

    CapacityTable.Lease lease(CapacityTable table, String placement, java.util.List<String> passedOver) {
        return table.leased(this, new CapacityTable.Lease(entry, table, placement, passedOver));
    }
}
