package io.edgecoder.coordinator.impl;

import io.edgecoder.core.JobStatus;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.MeterNames;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Ownership;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The coordinator's request handlers: intake (validate, check policy, record, start), reads,
 * and the capacity table's upkeep. Plain class; the verticle only wires it to the bus.
 */
public final class CoordinatorService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CoordinatorService.class);
    /** Own jobs resumed at start; any beyond are claimed by the orphan sweep once their leases expire. */
    private static final int RESUME_AT_START = 100;
    private static final int MAX_LIST = 200;
    private static final int DEFAULT_LIST = 50;
    /** Node ids become part of a worker's bus address: no dots, bounded length. */
    private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final long MAX_HEARTBEAT_MS = 60_000;
    private static final int MAX_SLOTS = 1024;
    private static final int MAX_CORES = 1024;
    /** The statuses a job can have, for the list filter. */
    static final List<String> JOB_STATUSES = java.util.Arrays.stream(JobStatus.values()).map(JobStatus::wire).toList();

    private final String coordinatorId;
    private final PgJobStore store;
    private final JobRunner runner;
    private final CapacityTable capacity;
    private final IsolationPolicy policy;
    private final JobEvents events;
    private final MeterRegistry meters;
    private final JobBudget budget;
    private final RestrictedCheck restricted;
    private final NetworkRules rules;
    private final QueueBounds bounds;
    private final FinishRate finishRate;
    private final IntakeGate gate;
    private final SubmitKeys keys;

    public CoordinatorService(String coordinatorId, PgJobStore store, JobRunner runner, CapacityTable capacity,
                              IsolationPolicy policy, JobEvents events, MeterRegistry meters, JobBudget budget,
                              RestrictedCheck restricted, NetworkRules rules) {
        this(coordinatorId, store, runner, capacity, policy, events, meters, budget, restricted, rules, QueueBounds.NONE);
    }

    /** A service that refuses submissions beyond {@code bounds} with 429 and Retry-After. */
    public CoordinatorService(String coordinatorId, PgJobStore store, JobRunner runner, CapacityTable capacity,
                              IsolationPolicy policy, JobEvents events, MeterRegistry meters, JobBudget budget,
                              RestrictedCheck restricted, NetworkRules rules, QueueBounds bounds) {
        this(coordinatorId, store, runner, capacity, policy, events, meters, budget, restricted, rules, bounds,
            IntakeGate.unbounded(), new SubmitKeys(store.pool()));
    }

    /** A service whose submissions pass {@code gate} and are made idempotent by {@code keys}. */
    public CoordinatorService(String coordinatorId, PgJobStore store, JobRunner runner, CapacityTable capacity,
                              IsolationPolicy policy, JobEvents events, MeterRegistry meters, JobBudget budget,
                              RestrictedCheck restricted, NetworkRules rules, QueueBounds bounds, IntakeGate gate,
                              SubmitKeys keys) {
        this.gate = gate;
        this.keys = keys;
        this.bounds = bounds;
        this.finishRate = new FinishRate(() -> meters.find(MeterNames.JOBS_FINISHED).counters().stream()
            .mapToDouble(io.micrometer.core.instrument.Counter::count).sum());
        this.rules = rules;
        this.budget = budget;
        this.restricted = restricted;
        this.coordinatorId = coordinatorId;
        this.store = store;
        this.runner = runner;
        this.capacity = capacity;
        this.policy = policy;
        this.events = events;
        this.meters = meters;
    }

    /**
     * Intake: through the {@link IntakeGate}; a job with an idempotency key that names a job the
     * requester recorded before gets that job back (or a 409 when the key was used for another job).
     */
    public Future<JobSubmitReply> submit(JobSubmitRequest request) {
        JobSubmitRequest job = JobSpecs.validate(request);
        if (job.requester() == null || job.requester().isBlank()) {
            throw MeshException.badRequest("requester: required");
        }
        return gate.admit(() -> job.idempotencyKey() == null ? record(job) : keyed(job));
    }

    private Future<JobSubmitReply> keyed(JobSubmitRequest job) {
        return keys.find(job.requester(), job.idempotencyKey())
            .compose(found -> found != null ? replay(found, job)
                : record(job).recover(e -> e instanceof SubmitKeys.KeyTaken ? replayTaken(job) : Future.failedFuture(e)));
    }

    /** A concurrent submission with the same key recorded its job first. */
    private Future<JobSubmitReply> replayTaken(JobSubmitRequest job) {
        return keys.find(job.requester(), job.idempotencyKey()).compose(found -> found != null ? replay(found, job)
            : Future.failedFuture(MeshException.unavailable("idempotency key changed hands meanwhile; submit again")));
    }

    private Future<JobSubmitReply> replay(SubmitKeys.Recorded found, JobSubmitRequest job) {
        JobSubmitReply reply = SubmitKeys.replay(found, job);
        meters.counter(MeterNames.JOBS_SUBMITTED_REPEATS).increment();
        return Future.succeededFuture(reply);
    }

    private Future<JobSubmitReply> record(JobSubmitRequest job) {
        rules.intakeRefusal(job).ifPresent(refusal -> {
            throw MeshException.policy(refusal);
        });
        checkDeadline(job);
        String id = UUID.randomUUID().toString();
        List<String> notes = new ArrayList<>();
        if (!capacity.anyEligible(policy.eligible(job))) {
            notes.add("no eligible worker was known at submission (" + policy.describe(job) + "); the job waits for one");
        }
        return withinBounds(job)
            .compose(v -> restricted.check(job))
            .compose(v -> job.idempotencyKey() == null ? store.insert(id, job, coordinatorId, notes)
                : keys.insert(store, id, job, coordinatorId, notes))
            .compose(v -> budget.hold(id, job))
            .compose(outcome -> outcome.refusal() != null ? reject(id, outcome.refusal()) : start(id, job, outcome));
    }

    /** A deadline must lie ahead, and within a week (a job is not parked for longer). */
    private static void checkDeadline(JobSubmitRequest job) {
        if (job.deadline() == null) {
            return;
        }
        long ahead = job.deadline().toEpochMilli() - System.currentTimeMillis();
        if (ahead <= 0) {
            throw MeshException.badRequest("deadline: already passed (" + job.deadline() + "); the job could not start by then");
        }
        if (ahead > java.time.Duration.ofDays(7).toMillis()) {
            throw MeshException.badRequest("deadline: at most 7 days ahead");
        }
    }

    /** Refuses with 429 and Retry-After when the requester's or the mesh's queue is full; nothing is recorded then. */
    private Future<Void> withinBounds(JobSubmitRequest job) {
        if (bounds == QueueBounds.NONE) {
            return Future.succeededFuture();
        }
        return store.unfinished(job.requester()).compose(counts -> {
            MeshException refusal = bounds.refusal(job.requester(), counts[0], counts[1], finishRate.perSecond());
            if (refusal != null) {
                meters.counter(MeterNames.JOBS_QUEUE_FULL, "bound", counts[0] >= bounds.perAccount() ? "account" : "global")
                    .increment();
                return Future.failedFuture(refusal);
            }
            return Future.succeededFuture();
        });
    }

    private Future<JobSubmitReply> start(String id, JobSubmitRequest job, JobBudget.Outcome hold) {
        Future<Void> noted = hold.note() == null ? Future.succeededFuture() : store.addNote(id, hold.note());
        return noted.map(v -> {
            meters.counter(MeterNames.JOBS_SUBMITTED).increment();
            events.job(id, JobStatus.QUEUED);
            // the spec just stored: the runner need not read it back
            runner.run(id, job);
            return new JobSubmitReply(id, JobStatus.QUEUED, null);
        });
    }

    private Future<JobSubmitReply> reject(String id, String reason) {
        meters.counter(MeterNames.JOBS_FINISHED, "status", JobStatus.REJECTED.wire()).increment();
        return store.finish(id, JobStatus.REJECTED, false, List.of(reason), null)
            .onSuccess(won -> events.job(id, JobStatus.REJECTED))
            .map(v -> new JobSubmitReply(id, JobStatus.REJECTED, reason));
    }

    /** Demand (waiting and running subtasks) over free capacity, for the ledger's price. */
    public io.edgecoder.core.message.LoadReport load() {
        return new io.edgecoder.core.message.LoadReport(capacity.demand(), capacity.freeSlots());
    }

    public Future<JobView> get(JobGetRequest request) {
        if (request.id() == null || request.id().isBlank() || request.id().length() > 100) {
            throw MeshException.badRequest("id: required, at most 100 characters");
        }
        return store.get(request.id(), Ownership.jobRequesterFilter(request.actor()));
    }

    public Future<JobListReply> list(JobListRequest request) {
        int limit = request.limit() == null ? DEFAULT_LIST : request.limit();
        if (limit < 1 || limit > MAX_LIST) {
            throw MeshException.badRequest("limit: must be within 1.." + MAX_LIST + ", got " + limit);
        }
        String requester = Ownership.jobRequesterFilter(request.actor());
        String status = listStatus(request.status());
        String after = request.after();
        Future<Void> cursorOk = after == null ? Future.succeededFuture()
            : store.exists(after, requester).compose(found -> found ? Future.succeededFuture()
                : Future.failedFuture(MeshException.badRequest("after: unknown job id '" + clip(after) + "'")));
        return cursorOk.compose(v -> store.list(limit, after, requester, status))
            .map(jobs -> new JobListReply(jobs, jobs.size() == limit ? jobs.get(jobs.size() - 1).id() : null));
    }

    private static String listStatus(String status) {
        if (status != null && !JOB_STATUSES.contains(status)) {
            throw MeshException.badRequest("status: must be one of " + JOB_STATUSES + ", got '" + clip(status) + "'");
        }
        return status;
    }

    public Future<WorkerListReply> workers() {
        return Future.succeededFuture(new WorkerListReply(capacity.snapshot()));
    }

    /** Records a worker's heartbeat; one that does not make sense is ignored, never trusted. */
    public void heartbeat(WorkerHeartbeat heartbeat) {
        heartbeat(heartbeat, false);
    }

    /** Records a heartbeat of a worker on the edge ring ({@code edge}) or the core ring. */
    public void heartbeat(WorkerHeartbeat heartbeat, boolean edge) {
        heartbeat(heartbeat, edge, null);
    }

    /** Records a heartbeat that node {@code carrier} delivered (see {@link CapacityTable#onHeartbeat(WorkerHeartbeat, boolean, String, long)}). */
    public void heartbeat(WorkerHeartbeat heartbeat, boolean edge, String carrier) {
        if (!plausible(heartbeat)) {
            return;
        }
        if (heartbeat.slots() == 0) {
            capacity.forget(heartbeat.nodeId());
            return;
        }
        capacity.onHeartbeat(heartbeat, edge, carrier, System.currentTimeMillis());
    }

    /**
     * Bounded numbers, a node id that can be a bus address segment, and a public key the node id
     * is derived from (so whoever holds the key is the node, and its results can be checked).
     */
    static boolean plausible(WorkerHeartbeat hb) {
        return hb.nodeId() != null && NODE_ID.matcher(hb.nodeId()).matches()
            && hb.intervalMs() >= 10 && hb.intervalMs() <= MAX_HEARTBEAT_MS
            && hb.slots() >= 0 && hb.slots() <= MAX_SLOTS && hb.freeSlots() >= 0 && hb.freeSlots() <= hb.slots()
            && hb.cores() >= 0 && hb.cores() <= MAX_CORES
            && hb.nodeId().equals(NodeIdentity.nodeIdOf(hb.publicKey()));
    }

    /**
     * At start: resumes at once the unfinished jobs this coordinator's identity owned before a
     * restart, instead of leaving them idle until their leases expire.
     */
    public Future<Void> resumeOwn() {
        return store.reclaimOwn(coordinatorId, RESUME_AT_START)
            .onSuccess(ids -> {
                if (!ids.isEmpty()) {
                    LOG.info("resuming {} unfinished job(s) this coordinator owned before it restarted", ids.size());
                }
                ids.forEach(runner::run);
            })
            .mapEmpty();
    }

    /**
     * Cluster membership says node {@code nodeId} left: takes over the unfinished jobs it owned at
     * once rather than when their leases expire. Several coordinators may hear it; each job goes
     * to one of them. Should the node still be running (a split cluster), it stops renewing the
     * leases it lost and a job may run twice until the sides merge: execution is at-least-once,
     * accounting exactly-once.
     */
    public Future<Void> takeOverFrom(String nodeId) {
        if (nodeId == null || nodeId.equals(coordinatorId)) {
            return Future.succeededFuture();
        }
        return store.claimFrom(coordinatorId, nodeId, RESUME_AT_START)
            .onSuccess(ids -> {
                if (!ids.isEmpty()) {
                    LOG.info("taking over {} unfinished job(s) of node {}, which left the cluster", ids.size(), nodeId);
                }
                ids.forEach(runner::run);
            })
            .mapEmpty();
    }

    /** Periodic upkeep: forget silent workers, renew job leases, resume orphaned jobs, settle stragglers. */
    public Future<Void> upkeep(boolean claimOrphans) {
        capacity.expire(System.currentTimeMillis());
        Future<Void> renewed = store.renewLeases(coordinatorId, runner.inFlight());
        if (!claimOrphans) {
            return renewed;
        }
        return renewed
            .compose(v -> store.claimOrphans(coordinatorId, 20))
            .onSuccess(ids -> ids.forEach(runner::run))
            .compose(v -> keys.expire())
            .compose(v -> store.unsettled(20))
            .onSuccess(jobs -> jobs.forEach(j -> runner.settle(j.id(), j.requester(), j.verified(), 4)))
            .mapEmpty();
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
