package io.edgecoder.coordinator.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.MeterNames;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs one subtask to a final status: acquires a worker slot, sends the run request, and on
 * an infrastructure failure (worker gone, no reply, not running) tries again on another
 * worker, up to the attempt limit. A worker that declines because it is full does not use up
 * an attempt. A run the worker itself killed (it was shutting down) or whose report is
 * {@code incomplete} (its output was not read to the end) counts as an attempt lost to
 * infrastructure. A test failure is a final answer, never retried.
 */
public final class SubtaskDispatcher {
    private static final int MAX_DECLINES = 20;
    private static final String KILLED = "killed";
    /** The worker's reply when a run's report could not be read whole: an attempt lost to infrastructure. */
    private static final String INCOMPLETE = "incomplete";
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(30);

    private final BusClient bus;
    private final CapacityTable capacity;
    private final PgJobStore store;
    private final IsolationPolicy policy;
    private final JobEvents events;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final long capacityWaitMillis;

    public SubtaskDispatcher(BusClient bus, CapacityTable capacity, PgJobStore store, IsolationPolicy policy,
                             JobEvents events, MeterRegistry meters, int maxAttempts, long capacityWaitMillis) {
        this.bus = bus;
        this.capacity = capacity;
        this.store = store;
        this.policy = policy;
        this.events = events;
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.capacityWaitMillis = capacityWaitMillis;
    }

    /** Runs the subtask; the future always succeeds once the subtask's final state is stored. */
    public Future<Void> run(JobContext job, PgJobStore.SubtaskRow subtask) {
        return attempt(new Attempt(job, subtask, subtask.attempts() + 1, new HashSet<>(), 0), "no attempt was made");
    }

    /** One subtask's progress through its attempts: which attempt is next and which workers were tried. */
    private record Attempt(JobContext job, PgJobStore.SubtaskRow st, int n, Set<String> tried, int declines) {
        Attempt next() {
            return new Attempt(job, st, n + 1, tried, declines);
        }

        Attempt declined() {
            return new Attempt(job, st, n, tried, declines + 1);
        }
    }

    private Future<Void> attempt(Attempt a, String last) {
        if (a.n() > maxAttempts || a.declines() > MAX_DECLINES) {
            return giveUp(a.job(), a.st(), "no worker completed the subtask after " + (a.n() - 1)
                + " attempt(s); last failure: " + last);
        }
        return capacity.acquire(policy.eligible(a.job().spec()), a.tried(), capacityWaitMillis)
            .transform(leased -> leased.succeeded() ? runOn(a, leased.result())
                : giveUp(a.job(), a.st(), leased.cause().getMessage() + " (" + policy.describe(a.job().spec()) + ")"));
    }

    private Future<Void> runOn(Attempt a, CapacityTable.Lease lease) {
        return dispatch(a.job(), a.st(), a.n(), lease).transform(ran -> {
            lease.release();
            if (ran.succeeded() && INCOMPLETE.equals(ran.result().status())) {
                return runAgain(a, lease.nodeId());
            }
            if (ran.succeeded() && !KILLED.equals(ran.result().status())) {
                return finished(a.job(), a.st(), ran.result());
            }
            MeshException failure = ran.succeeded()
                ? MeshException.unavailable("worker " + lease.nodeId() + " killed the run (shutting down)")
                : BusClient.toMesh(ran.cause());
            return retry(a, lease.nodeId(), failure);
        });
    }

    /**
     * The worker could not read the run's whole report: nothing is known about the tests, so the
     * attempt is lost, never a failure. The same worker may take it again (it is not leaving).
     */
    private Future<Void> runAgain(Attempt a, String nodeId) {
        count(INCOMPLETE);
        events.subtask(a.job().id(), a.st().id(), "retrying", nodeId);
        return attempt(a.next(), "worker " + nodeId + " could not read the run's whole report (incomplete)");
    }

    /** An infrastructure failure: try another worker; a decline (full worker) does not use up an attempt. */
    private Future<Void> retry(Attempt a, String nodeId, MeshException failure) {
        a.tried().add(nodeId);
        boolean declined = failure.code() == ErrorCode.OVERLOADED;
        count(declined ? "declined" : "lost");
        events.subtask(a.job().id(), a.st().id(), "retrying", nodeId);
        return attempt(declined ? a.declined() : a.next(), failure.getMessage());
    }

    private Future<RunSubtaskReply> dispatch(JobContext job, PgJobStore.SubtaskRow st, int n, CapacityTable.Lease lease) {
        String attemptId = st.id() + "#" + n;
        String note = policy.noteFor(job.spec(), lease.isolation());
        if (note != null) {
            job.note(note);
        }
        RunSubtaskRequest request = new RunSubtaskRequest(job.id(), st.id(), attemptId, n, job.spec().language(),
            job.spec().files(), st.test(), job.spec().timeoutSeconds(), job.spec().restricted());
        Duration timeout = Duration.ofSeconds(job.spec().timeoutSeconds()).plus(REPLY_MARGIN);
        return store.subtaskDispatched(st.id(), lease.nodeId(), n, attemptId, lease.isolation())
            .compose(v -> {
                events.subtask(job.id(), st.id(), "running", lease.nodeId());
                Promise<RunSubtaskReply> outcome = Promise.promise();
                bus.request(WorkerAddresses.run(lease.nodeId()), request, RunSubtaskReply.class, timeout)
                    .onSuccess(outcome::tryComplete).onFailure(outcome::tryFail);
                lease.lost().onFailure(outcome::tryFail);
                return outcome.future();
            });
    }

    private Future<Void> finished(JobContext job, PgJobStore.SubtaskRow st, RunSubtaskReply reply) {
        count(reply.status());
        events.subtask(job.id(), st.id(), reply.status(), reply.workerId());
        return store.subtaskFinished(st.id(), reply);
    }

    private Future<Void> giveUp(JobContext job, PgJobStore.SubtaskRow st, String reason) {
        count("gave_up");
        events.subtask(job.id(), st.id(), "error", null);
        return store.subtaskGaveUp(st.id(), reason);
    }

    private void count(String outcome) {
        meters.counter(MeterNames.SUBTASK_ATTEMPTS, "outcome", outcome).increment();
    }
}
