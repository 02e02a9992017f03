package io.edgecoder.coordinator.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.RetryAfter;

/**
 * How many unfinished (queued or running) jobs one requester, and everyone together, may have.
 * A submission beyond either bound is refused before anything is recorded, with 429 and a
 * Retry-After estimated from how fast this coordinator finishes jobs: nothing is lost, the client
 * submits again later.
 *
 * @param perAccount unfinished jobs one requester may have
 * @param global unfinished jobs across all requesters
 */
public record QueueBounds(long perAccount, long global) {
    /** No practical bound (tools and tests that build a service by hand). */
    public static final QueueBounds NONE = new QueueBounds(Long.MAX_VALUE, Long.MAX_VALUE);

    /** The refusal for a requester with {@code own} unfinished jobs among {@code all}, or null when it may submit. */
    public MeshException refusal(String requester, long own, long all, double finishedPerSecond) {
        if (own >= perAccount) {
            return RetryAfter.overloaded("queue full: " + requester + " has " + own + " unfinished jobs (at most " + perAccount
                + "); submit again when some have finished", retryAfter(own - perAccount + 1, finishedPerSecond));
        }
        if (all >= global) {
            return RetryAfter.overloaded("queue full: " + all + " unfinished jobs on this mesh (at most " + global
                + "); submit again later", retryAfter(all - global + 1, finishedPerSecond));
        }
        return null;
    }

    /** Seconds until about {@code excess} jobs have finished at the current rate (1..60; 5 when no rate is known). */
    static long retryAfter(long excess, double finishedPerSecond) {
        if (finishedPerSecond <= 0) {
            return 5;
        }
        return Math.max(1, Math.min(60, (long) Math.ceil(excess / finishedPerSecond)));
    }
}
