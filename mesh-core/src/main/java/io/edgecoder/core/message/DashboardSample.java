package io.edgecoder.core.message;

import java.time.Instant;

/**
 * One reading of the operations dashboard, published (local only) by each portal node to the
 * browsers of coordinator-owners and system-admins connected to it.
 *
 * @param workers workers in the coordinator's capacity table
 * @param slots their slots in total
 * @param freeSlots their free slots
 * @param queueDepth jobs this portal saw queued or running and not yet ended
 * @param jobsPerSecond jobs that ended per second over the last minute
 * @param successRate share of jobs that ended {@code succeeded} over the last hour (null: none ended)
 * @param p50Ms median submit → end time of jobs that ended in the last hour (null: none)
 * @param p99Ms 99th percentile of the same
 * @param ledgerHead tree size of the ledger's latest signed checkpoint (null: none yet or unreachable)
 * @param ledgerCheckpointAt when that checkpoint was signed
 */
public record DashboardSample(Instant at, int workers, int slots, int freeSlots, int queueDepth, double jobsPerSecond,
                              Double successRate, Long p50Ms, Long p99Ms, Long ledgerHead, Instant ledgerCheckpointAt) {
}
