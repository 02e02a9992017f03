package io.edgecoder.core.message;

/**
 * Lists jobs newest first: {@code actor}'s own, or every job for an admin.
 *
 * @param limit 1..200 (default 50)
 * @param after a job id: list jobs created before it (the previous page's last id)
 * @param actor whom the listing is for (see {@link io.edgecoder.core.Ownership})
 * @param status only jobs in this status (queued, running, succeeded, failed, rejected, cancelled); null: any
 */
public record JobListRequest(Integer limit, String after, Actor actor, String status) {
    /** Every job, for the operator (trusted code: the operator CLI, tests). */
    public JobListRequest(Integer limit, String after) {
        this(limit, after, Actor.operator(), null);
    }
}
