package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeterNames;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.PlannedSubtask;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job from plan to settlement: asks inference for a decomposition, runs every
 * unfinished subtask through the {@link SubtaskDispatcher} in parallel, aggregates (the job is
 * verified only if every subtask passed), stores the result and asks the ledger to settle.
 * Jobs in flight are tracked so their leases can be renewed.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    private static final int PLAN_ATTEMPTS = 3;
    /** How long a plan asked of a model may take (the inference role falls back to the deterministic plan before). */
    static final Duration MODEL_PLAN_TIMEOUT = Duration.ofSeconds(90);

    private final Vertx vertx;
    private final BusClient bus;
    private final PgJobStore store;
    private final SubtaskVerifier verifier;
    private final PgVerificationStore claims;
    private final JobEvents events;
    private final MeterRegistry meters;
    private final AgentDispatcher agents;
    private final TrustDomain trust;
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, JobContext> running = new HashMap<>();
    private final CapacityTable capacity;

    public JobRunner(Vertx vertx, BusClient bus, PgJobStore store, SubtaskVerifier verifier, PgVerificationStore claims,
                     JobEvents events, MeterRegistry meters, AgentDispatcher agents) {
        this(vertx, bus, store, verifier, claims, events, meters, agents, null);
    }

    /** A runner that withdraws a cancelled or expired job's waiting subtasks from {@code capacity}'s queue. */
    public JobRunner(Vertx vertx, BusClient bus, PgJobStore store, SubtaskVerifier verifier, PgVerificationStore claims,
                     JobEvents events, MeterRegistry meters, AgentDispatcher agents, CapacityTable capacity) {
        this(vertx, bus, store, verifier, claims, events, meters, agents, capacity, new TrustDomain(null));
    }

    /** A runner that also knows the coordinator's organisation (the org of a model plan for a job without one). */
    public JobRunner(Vertx vertx, BusClient bus, PgJobStore store, SubtaskVerifier verifier, PgVerificationStore claims,
                     JobEvents events, MeterRegistry meters, AgentDispatcher agents, CapacityTable capacity, TrustDomain trust) {
        this.capacity = capacity;
        this.agents = agents;
        this.trust = trust;
        this.vertx = vertx;
        this.bus = bus;
        this.store = store;
        this.verifier = verifier;
        this.claims = claims;
        this.events = events;
        this.meters = meters;
    }

    public List<String> inFlight() {
        return List.copyOf(inFlight);
    }

    /** Runs the job (loading its spec); completes when its final state is stored. */
    public Future<Void> run(String jobId) {
        return run(jobId, null);
    }

    /**
     * Runs the job whose stored spec is {@code spec} (as just inserted at intake; null: load it);
     * completes when its final state is stored.
     */
    public Future<Void> run(String jobId, JobSubmitRequest spec) {
        if (!inFlight.add(jobId)) {
            return Future.succeededFuture();
        }
        long started = System.nanoTime();
        long[] deadlineTimer = {-1};
        return (spec != null ? Future.succeededFuture(spec) : store.spec(jobId))
            .map(loaded -> track(new JobContext(jobId, loaded)))
            .onSuccess(job -> deadlineTimer[0] = watchDeadline(job))
            .compose(this::execute)
            .onComplete(ar -> {
                vertx.cancelTimer(deadlineTimer[0]);
                inFlight.remove(jobId);
                running.remove(jobId);
                meters.timer(MeterNames.JOB_DURATION).record(Duration.ofNanos(System.nanoTime() - started));
                if (ar.failed()) {
                    LOG.warn("job {} interrupted: {} (it will be resumed when its lease expires)", jobId, ar.cause().getMessage());
                }
            });
    }

    private JobContext track(JobContext job) {
        running.put(job.id(), job);
        return job;
    }

    /** A job was cancelled (here or by another coordinator): if it runs here, start no more of its subtasks. */
    public void cancelled(String jobId) {
        JobContext job = running.get(jobId);
        if (job != null) {
            job.cancel();
            withdraw(job, "job " + jobId + " was cancelled");
        }
    }

    private void withdraw(JobContext job, String why) {
        if (capacity != null) {
            capacity.withdraw(job.id(), new io.edgecoder.core.MeshException(io.edgecoder.core.ErrorCode.CONFLICT, why));
        }
    }

    /** Expires the job at its deadline unless it started by then; -1 when it has no deadline. */
    private long watchDeadline(JobContext job) {
        java.time.Instant deadline = job.spec().deadline();
        if (deadline == null) {
            return -1;
        }
        long delay = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
        return vertx.setTimer(delay, id -> {
            if (!job.hasStarted() && !job.cancelled()) {
                expire(job, deadline);
            }
        });
    }

    /** Ends a job that could not start before its deadline {@code expired}, unverified; its escrow is released. */
    private void expire(JobContext job, java.time.Instant deadline) {
        String note = "expired: no eligible worker could start it before its deadline " + deadline;
        store.expire(job.id(), note).onSuccess(won -> {
            if (!won) {
                return; // it started (or ended) first
            }
            job.cancel();
            withdraw(job, note);
            meters.counter(MeterNames.JOBS_FINISHED, "status", JobStatus.EXPIRED.wire()).increment();
            events.job(job.id(), JobStatus.EXPIRED);
            settle(job.id(), job.spec().requester(), false, 0);
        }).onFailure(e -> LOG.warn("job {}: expiry not recorded: {}", job.id(), e.getMessage()));
    }

    private Future<Void> execute(JobContext job) {
        return store.markRunning(job.id())
            .onSuccess(v -> events.job(job.id(), JobStatus.RUNNING))
            .compose(v -> agents.prepare(job))
            .compose(failure -> failure != null ? failUnplanned(job, failure) : plan(job)
                .compose(plan -> plan.refusal() != null ? refusePlan(job, plan.refusal()) : runPlan(job, plan.tests())));
    }

    private Future<Void> runPlan(JobContext job, List<String> tests) {
        return store.planSubtasks(job.id(), tests)
            .compose(subtasks -> runAll(job, subtasks))
            .compose(v -> aggregate(job));
    }

    /** The planner's answer: the test files to run, or the note why the job cannot run its plan. */
    private record Plan(List<String> tests, String refusal) {
    }

    /**
     * Asks for the plan where the job's locality allows: a local-only job only of its organisation's inference
     * roles ({@code InferenceAddresses.plan(org, true)}), so its files and plan prompt stay there. The planner
     * that made it is recorded on the job.
     */
    private Future<Plan> plan(JobContext job) {
        JobSubmitRequest spec = job.spec();
        boolean localOnly = JobSpecs.LOCAL_ONLY.equals(spec.locality());
        String org = trust.requesterOrg(spec);
        if (localOnly && (org == null || org.isBlank())) {
            return Future.succeededFuture(new Plan(List.of(), "not planned: a local-only job needs an organisation to be planned in"));
        }
        PlanRequest request = new PlanRequest(job.id(), spec.language(), spec.files(), spec.tests(), spec.planModel(), org,
            localOnly);
        String address = InferenceAddresses.plan(org, localOnly);
        Future<PlanReply> asked = spec.planModel() == null
            ? bus.requestIdempotent(address, request, PlanReply.class, PLAN_ATTEMPTS)
            : bus.request(address, request, PlanReply.class, MODEL_PLAN_TIMEOUT);
        return asked
            .compose(reply -> store.recordPlanner(job.id(), reply.planner(), reply.note()).map(reply))
            .map(reply -> {
                String problem = PlanCoverage.problem(job.spec().tests(), reply);
                return problem != null ? new Plan(List.of(), "plan refused: " + problem + " (each test file must be planned exactly once)")
                    : new Plan(reply.subtasks().stream().map(PlannedSubtask::test).toList(), null);
            });
    }

    /** A plan refused (it does not cover each test file exactly once) ends the job failed, unverified; the escrow is released. */
    private Future<Void> refusePlan(JobContext job, String why) {
        return failUnplanned(job, why);
    }

    /** Ends a job that never got to its subtasks failed, unverified, with {@code note}; the escrow is released. */
    private Future<Void> failUnplanned(JobContext job, String note) {
        LOG.warn("job {}: {}", job.id(), note);
        return store.finish(job.id(), JobStatus.FAILED, false, List.of(note), null)
            .onSuccess(won -> {
                if (!won) {
                    return;
                }
                meters.counter(MeterNames.JOBS_FINISHED, "status", JobStatus.FAILED.wire()).increment();
                events.job(job.id(), JobStatus.FAILED);
                settle(job.id(), job.spec().requester(), false, 0);
            })
            .mapEmpty();
    }

    private Future<Void> runAll(JobContext job, List<PgJobStore.SubtaskRow> subtasks) {
        List<Future<Void>> runs = new ArrayList<>();
        for (PgJobStore.SubtaskRow st : subtasks) {
            if (!SubtaskStatus.of(st.status()).isFinal()) {
                runs.add(verifier.run(job, st));
            }
        }
        return Future.all(runs).mapEmpty();
    }

    private Future<Void> aggregate(JobContext job) {
        return store.subtasks(job.id()).compose(subtasks -> {
            boolean verified = !subtasks.isEmpty() && subtasks.stream().allMatch(s -> s.subtaskStatus() == SubtaskStatus.PASSED);
            JobStatus status = verified ? JobStatus.SUCCEEDED : JobStatus.FAILED;
            return store.finish(job.id(), status, verified, List.copyOf(job.notes()), PgJobStore.weakestIsolation(subtasks))
                .onSuccess(won -> {
                    if (!won) {
                        return; // cancelled meanwhile: the cancellation reported and settled it
                    }
                    meters.counter(MeterNames.JOBS_FINISHED, "status", status.wire()).increment();
                    events.job(job.id(), status);
                    settle(job.id(), job.spec().requester(), verified, 0);
                })
                .mapEmpty();
        });
    }

    /** Asks the ledger to settle; retries with back-off, and the periodic sweep catches the rest. */
    public void settle(String jobId, String requester, boolean verified, int retry) {
        claims.contributions(jobId)
            .compose(contributions -> bus.request(LedgerAddresses.JOB_SETTLE,
                new SettleJobRequest(jobId, requester, verified, contributions), SettleJobReply.class))
            .compose(reply -> agents == null ? Future.succeededFuture() : agents.settled(reply))
            .compose(v -> store.markSettled(jobId))
            .onSuccess(v -> events.job(jobId, "settled"))
            .onFailure(e -> {
                if (retry < 4) {
                    vertx.setTimer(1000L << retry, id -> settle(jobId, requester, verified, retry + 1));
                } else {
                    LOG.warn("settlement of job {} not confirmed yet: {}", jobId, e.getMessage());
                }
            });
    }
}
