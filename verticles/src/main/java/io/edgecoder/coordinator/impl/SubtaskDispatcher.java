package io.edgecoder.coordinator.impl;

import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.MeterNames;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Obtains one accepted {@link Claim} for a subtask from a worker the {@link Placement} allows:
 * acquires a slot, sends the run request under a fresh lease, and checks the reply
 * ({@link ClaimCheck}). On an infrastructure failure (worker gone, no reply, not running, the run
 * killed or never started, or its report {@code incomplete}) or a refused reply it tries again, preferring another
 * worker, up to the attempt limit;
 * a worker that declines because it is full does not use up an attempt. A refusal is recorded
 * with its reason, and a worker that signed an impossible measure is quarantined. A test failure
 * is a result like any other, never retried here.
 */
public final class SubtaskDispatcher {
    private static final int MAX_DECLINES = 20;
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(30);

    private final BusClient bus;
    private final CapacityTable capacity;
    private final PgJobStore store;
    private final PgVerificationStore claims;
    private final IsolationPolicy policy;
    private final TrustDomain trust;
    private final Reputation reputation;
    private final JobEvents events;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final long capacityWaitMillis;
    private final Duration replyMargin;
    private final RunSender runs;

    public SubtaskDispatcher(BusClient bus, CapacityTable capacity, PgJobStore store, PgVerificationStore claims,
                             IsolationPolicy policy, TrustDomain trust, Reputation reputation, JobEvents events,
                             MeterRegistry meters, int maxAttempts, long capacityWaitMillis) {
        this(bus, capacity, store, claims, policy, trust, reputation, events, meters, maxAttempts, capacityWaitMillis, REPLY_MARGIN);
    }

    /** A dispatcher that awaits a worker's reply for the job's timeout plus {@code replyMargin}. */
    public SubtaskDispatcher(BusClient bus, CapacityTable capacity, PgJobStore store, PgVerificationStore claims,
                             IsolationPolicy policy, TrustDomain trust, Reputation reputation, JobEvents events,
                             MeterRegistry meters, int maxAttempts, long capacityWaitMillis, Duration replyMargin) {
        this(bus, capacity, store, claims, policy, trust, reputation, events, meters, maxAttempts, capacityWaitMillis, replyMargin,
            RunSender.single(bus));
    }

    /** A dispatcher that sends runs through {@code runs} (batched to nodes that take batches). */
    public SubtaskDispatcher(BusClient bus, CapacityTable capacity, PgJobStore store, PgVerificationStore claims,
                             IsolationPolicy policy, TrustDomain trust, Reputation reputation, JobEvents events,
                             MeterRegistry meters, int maxAttempts, long capacityWaitMillis, Duration replyMargin,
                             RunSender runs) {
        this.runs = runs;
        this.policy = policy;
        this.bus = bus;
        this.capacity = capacity;
        this.store = store;
        this.claims = claims;
        this.trust = trust;
        this.reputation = reputation;
        this.events = events;
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.capacityWaitMillis = capacityWaitMillis;
        this.replyMargin = replyMargin;
    }

    /** Numbers a subtask's attempts across all its claims, so every attempt id is unique. */
    public static final class Attempts {
        private int last;

        public Attempts(int done) {
            this.last = done;
        }

        int next() {
            return ++last;
        }
    }

    /** One claim's progress: attempts lost so far, declines, and where to look. */
    private record Try(JobContext job, PgJobStore.SubtaskRow st, Attempts numbers, Placement placement, int lost, int declines) {
        Try lost(String nodeId) {
            return new Try(job, st, numbers, placement.avoiding(nodeId), lost + 1, declines);
        }

        Try refused(String nodeId) {
            return new Try(job, st, numbers, placement.excluding(nodeId), lost + 1, declines);
        }

        Try declined(String nodeId) {
            return new Try(job, st, numbers, placement.avoiding(nodeId), lost, declines + 1);
        }
    }

    /** An accepted claim; fails with a safe message saying why none could be had. */
    public Future<Claim> claim(JobContext job, PgJobStore.SubtaskRow st, Attempts numbers, Placement placement) {
        return attempt(new Try(job, st, numbers, placement, 0, 0), "no attempt was made");
    }

    private Future<Claim> attempt(Try t, String last) {
        if (t.job().cancelled()) {
            return Future.failedFuture(cancelled(t.job()));
        }
        if (t.lost() >= maxAttempts || t.declines() > MAX_DECLINES) {
            count("gave_up");
            return Future.failedFuture(MeshException.unavailable("no worker completed the subtask after " + t.lost()
                + " attempt(s); last failure: " + last));
        }
        return capacity.acquire(t.placement(), capacityWaitMillis)
            .transform(leased -> leased.succeeded() ? runOn(t, leased.result())
                : Future.failedFuture(MeshException.unavailable(leased.cause().getMessage())));
    }

    private Future<Claim> runOn(Try t, CapacityTable.Lease lease) {
        int n = t.numbers().next();
        RunSubtaskRequest request = request(t.job(), t.st(), n, lease);
        long started = System.nanoTime();
        return dispatch(t.job(), t.st(), request, lease).transform(ran -> {
            lease.release();
            long leaseWallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (ran.failed()) {
                return retry(t, lease.nodeId(), BusClient.toMesh(ran.cause()));
            }
            if (lostRun(ran.result())) {
                return retry(t, lease.nodeId(), lostRunFailure(lease.nodeId(), ran.result()));
            }
            return checked(t, request, lease, ran.result(), leaseWallMs);
        });
    }

    /**
     * A reply that says nothing about the tests: the worker killed the run (shutting down), or its
     * sandbox could not start it ({@code error}: a missing runtime, a workspace it could not write).
     * Such a reply is not a result to verify or pay; the subtask runs elsewhere.
     */
    private static boolean lostRun(RunSubtaskReply reply) {
        return reply.outcome() != null && reply.outcome().saysNothing();
    }

    private static MeshException lostRunFailure(String nodeId, RunSubtaskReply reply) {
        return MeshException.unavailable(switch (reply.outcome()) {
            case KILLED -> "worker " + nodeId + " killed the run (shutting down)";
            case INCOMPLETE -> "worker " + nodeId + " could not read the run's whole report (incomplete)";
            default -> "worker " + nodeId + " could not run the test: " + firstLine(reply.stderr());
        });
    }

    private static String firstLine(String text) {
        String line = text == null || text.isBlank() ? "no reason given" : text.strip().lines().findFirst().orElse("");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    /** The failure of a claim for a job that was cancelled. */
    static MeshException cancelled(JobContext job) {
        return new MeshException(ErrorCode.CONFLICT, "job " + job.id() + " was cancelled");
    }

    /** A result that arrives after its job was cancelled is refused: never stored, verified or paid. */
    private Future<Claim> checked(Try t, RunSubtaskRequest sent, CapacityTable.Lease lease, RunSubtaskReply reply, long wallMs) {
        return store.active(t.job().id()).compose(active -> {
            if (active) {
                return checkedActive(t, sent, lease, reply, wallMs);
            }
            t.job().cancel();
            count("after_cancel");
            boolean trusted = trust.contains(trust.requesterOrg(t.job().spec()), lease.worker());
            return claims.claimRefused(t.st().id(), sent.attemptId(), lease.id(), lease.nodeId(), trusted, reply, wallMs,
                    "the job was cancelled before this result arrived")
                .compose(v -> Future.failedFuture(cancelled(t.job())));
        });
    }

    private Future<Claim> checkedActive(Try t, RunSubtaskRequest sent, CapacityTable.Lease lease, RunSubtaskReply reply,
                                        long wallMs) {
        boolean trusted = trust.contains(trust.requesterOrg(t.job().spec()), lease.worker());
        java.util.Optional<String> barred = capacity.barred(lease.worker());
        ClaimCheck.Verdict verdict = capacity.isRevoked(lease.nodeId())
            ? ClaimCheck.Verdict.refused("worker " + lease.nodeId() + " was revoked while it held the lease", false)
            : barred.isPresent()
            ? ClaimCheck.Verdict.refused("worker " + lease.nodeId() + " was barred while it held the lease: " + barred.get(), false)
            : ClaimCheck.check(sent, lease, reply, wallMs, trusted);
        if (verdict.claim() != null) {
            count(reply.status());
            return claims.claimAccepted(t.st().id(), verdict.claim()).map(verdict.claim());
        }
        count("refused");
        t.job().note("a result for " + t.st().test() + " was refused: " + verdict.refusal());
        Future<Void> recorded = claims.claimRefused(t.st().id(), sent.attemptId(), lease.id(), lease.nodeId(), trusted, reply,
            wallMs, verdict.refusal());
        Future<Void> punished = verdict.provable() ? quarantine(t.job(), t.st(), lease.nodeId(), verdict.refusal())
            : reputation.strike(lease.nodeId(), verdict.refusal());
        return Future.join(recorded, punished).transform(v -> {
            events.subtask(t.job().id(), t.st().id(), "retrying", lease.nodeId());
            return attempt(t.refused(lease.nodeId()), verdict.refusal());
        });
    }

    /** Quarantines a worker and reports it: a log line (in {@link Reputation}), a job note and a job event. */
    Future<Void> quarantine(JobContext job, PgJobStore.SubtaskRow st, String nodeId, String reason) {
        job.note("worker " + nodeId + " was quarantined: " + reason);
        events.subtask(job.id(), st.id(), "quarantined", nodeId);
        return reputation.quarantine(nodeId, reason, false);
    }

    /** An infrastructure failure: try again, preferring another worker; a decline (full worker) does not use up an attempt. */
    private Future<Claim> retry(Try t, String nodeId, MeshException failure) {
        boolean declined = failure.code() == ErrorCode.OVERLOADED;
        count(declined ? "declined" : "lost");
        events.subtask(t.job().id(), t.st().id(), "retrying", nodeId);
        return attempt(declined ? t.declined(nodeId) : t.lost(nodeId), failure.getMessage());
    }

    private static RunSubtaskRequest request(JobContext job, PgJobStore.SubtaskRow st, int n, CapacityTable.Lease lease) {
        return new RunSubtaskRequest(job.id(), st.id(), st.id() + "#" + n, n, job.spec().language(), job.spec().files(),
            st.test(), job.spec().timeoutSeconds(), job.spec().restricted(), lease.id());
    }

    private Future<RunSubtaskReply> dispatch(JobContext job, PgJobStore.SubtaskRow st, RunSubtaskRequest request,
                                             CapacityTable.Lease lease) {
        String note = policyNote(job, lease);
        if (note != null) {
            job.note(note);
        }
        Duration timeout = Duration.ofSeconds(job.spec().timeoutSeconds()).plus(replyMargin);
        return store.subtaskDispatched(st.id(), lease.nodeId(), request.attempt(), request.attemptId(), lease.isolation(),
                lease.placement(), lease.passedOver())
            .compose(recorded -> {
                if (!recorded) {
                    job.cancel();
                    return Future.failedFuture(cancelled(job));
                }
                job.started();
                events.subtask(job.id(), st.id(), SubtaskStatus.RUNNING, lease.nodeId());
                Promise<RunSubtaskReply> outcome = Promise.promise();
                runs.run(lease, request, timeout)
                    .onSuccess(outcome::tryComplete).onFailure(outcome::tryFail);
                lease.lost().onFailure(outcome::tryFail);
                return outcome.future();
            });
    }

    private String policyNote(JobContext job, CapacityTable.Lease lease) {
        return policy.noteFor(job.spec(), lease.isolation());
    }

    private void count(String outcome) {
        meters.counter(MeterNames.SUBTASK_ATTEMPTS, "outcome", outcome).increment();
    }
}
