package io.edgecoder.core.message;

import java.util.List;

/**
 * Settle a finished job: one contribution per subtask attempt that passed and counts.
 *
 * @param verified whether the job was verified; unverified jobs earn nothing
 */
public record SettleJobRequest(String jobId, String requester, boolean verified, List<Contribution> contributions) {
}
