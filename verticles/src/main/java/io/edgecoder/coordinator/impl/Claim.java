package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.RunSubtaskReply;

/**
 * A worker's signed result that passed {@link ClaimCheck}: the lease holder's reply with a valid
 * signature and a plausible measure.
 *
 * @param trusted whether the worker is inside the requester's trust domain
 * @param leaseWallMs the lease's wall time as the coordinator measured it (send to reply)
 * @param capMs the most CPU this lease can be paid for: its wall time (at most the job's timeout) times the slot's cores
 */
public record Claim(String attemptId, String leaseId, String workerId, String org, boolean trusted, RunSubtaskReply reply,
                    String resultDigest, long leaseWallMs, long capMs) {

    /** The CPU time this claim can be paid for: what it claims, at most its cap. */
    public long payableMs() {
        return Math.min(reply.cpuMs(), capMs);
    }
}
