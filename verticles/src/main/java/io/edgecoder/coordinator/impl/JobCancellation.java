package io.edgecoder.coordinator.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.MeterNames;
import io.edgecoder.core.Ownership;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.JobCancelEvent;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobView;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;

/**
 * Cancels a job for its requester (or an admin). The database decides ({@link PgCancellations}):
 * only an unfinished job is cancelled, and then no finishing can follow. Then every worker is told
 * to kill the job's runs and refuse new ones, every coordinator to stop dispatching it (the one
 * running it need not be this one), and the ledger releases the escrow in full: a cancelled job is
 * unverified, so nobody is paid, as for a failed job. A result arriving later is refused by
 * {@link SubtaskDispatcher}; settling is idempotent in the ledger, and only the winner of
 * cancel-or-finish settles, so the escrow is released exactly once.
 */
public final class JobCancellation {
    private static final int MAX_ID = 100;

    private final BusClient bus;
    private final PgCancellations cancellations;
    private final PgJobStore store;
    private final JobRunner runner;
    private final JobEvents events;
    private final MeterRegistry meters;

    public JobCancellation(BusClient bus, PgCancellations cancellations, PgJobStore store, JobRunner runner, JobEvents events,
                           MeterRegistry meters) {
        this.bus = bus;
        this.cancellations = cancellations;
        this.store = store;
        this.runner = runner;
        this.events = events;
        this.meters = meters;
    }

    /** The cancelled job; 404 for an unknown job or someone else's, 409 for one that already ended. */
    public Future<JobView> cancel(JobCancelRequest request) {
        String id = request.id();
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            throw MeshException.badRequest("id: required, at most " + MAX_ID + " characters");
        }
        String requester = Ownership.jobRequesterFilter(request.actor());
        String note = "cancelled by " + request.actor().account();
        return cancellations.cancel(id, requester, note)
            .compose(done -> done.isPresent() ? cancelled(id, done.get()) : refused(id, requester));
    }

    private Future<JobView> cancelled(String id, PgCancellations.Cancelled done) {
        JobCancelEvent event = new JobCancelEvent(id);
        bus.publish(WorkerAddresses.JOB_CANCEL, event);
        bus.publish(CoordinatorAddresses.JOB_CANCELLED, event);
        runner.cancelled(id);
        meters.counter(MeterNames.JOBS_FINISHED, "status", JobStatus.CANCELLED.wire()).increment();
        events.job(id, JobStatus.CANCELLED);
        runner.settle(id, done.requester(), false, 0);
        return store.get(id);
    }

    private Future<JobView> refused(String id, String requester) {
        return cancellations.status(id, requester).compose(status -> {
            if (status == null) {
                return Future.failedFuture(Ownership.jobNotFound(id));
            }
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT,
                "job " + id + " has already ended (" + status + "); only a queued or running job can be cancelled"));
        });
    }

    /** Another coordinator cancelled a job: if it runs here, dispatch none of its subtasks any more. */
    public Future<Void> onCancelled(JobCancelEvent event) {
        if (event.jobId() != null) {
            runner.cancelled(event.jobId());
        }
        return Future.succeededFuture();
    }
}
