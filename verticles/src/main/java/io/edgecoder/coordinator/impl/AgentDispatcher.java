package io.edgecoder.coordinator.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.AgentStepEvent;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.SettleJobReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent stage of a job with a prompt, before it is planned: leases a slot on a core worker the
 * job's placement rules allow, sends it the loop ({@code WorkerAddresses.agentRun}), records every
 * step it reports, and on success makes the loop's answer the job's files, which the job then
 * verifies like any other (plan, subtasks, replication where the worker is untrusted). A worker
 * that leaves or does not answer is replaced once. A handoff to a remote provider is decided here
 * and audited ({@link PgAgentStore#handoff}).
 */
public final class AgentDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDispatcher.class);
    /** How long one model answer may take. */
    public static final Duration MODEL_TIMEOUT = Duration.ofSeconds(300);
    private static final int MAX_ATTEMPTS = 2;
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(30);

    private final BusClient bus;
    private final CapacityTable capacity;
    private final PgAgentStore store;
    private final IsolationPolicy policy;
    private final NetworkRules rules;
    private final TrustDomain trust;
    private final Reputation reputation;
    private final JobEvents events;
    private final long capacityWaitMillis;
    private final String coordinatorId;
    private final AgentRunPay pay;
    /** Loops in flight from here, by run id: the job and lease a step report must name. */
    private final Map<String, Live> live = new java.util.concurrent.ConcurrentHashMap<>();

    private record Live(String jobId, String leaseId) {
    }

    /** {@code pay} checks and records what the loop's own test runs are paid. */
    public AgentDispatcher(String coordinatorId, BusClient bus, CapacityTable capacity, PgAgentStore store, IsolationPolicy policy, NetworkRules rules,
                           TrustDomain trust, Reputation reputation, JobEvents events, long capacityWaitMillis, AgentRunPay pay) {
        this.coordinatorId = coordinatorId;
        this.pay = pay;
        this.bus = bus;
        this.capacity = capacity;
        this.store = store;
        this.policy = policy;
        this.rules = rules;
        this.trust = trust;
        this.reputation = reputation;
        this.events = events;
        this.capacityWaitMillis = capacityWaitMillis;
    }

    /**
     * Runs the job's loop unless it has none or it already ended with an answer; null when the job's
     * files are ready to verify (the context holds them), otherwise the note the job fails with.
     */
    public Future<String> prepare(JobContext job) {
        if (!job.spec().agent()) {
            return Future.succeededFuture();
        }
        return store.done(job.id()).compose(done -> done ? Future.succeededFuture() : attempt(job, 1, new HashSet<>(), null));
    }

    private Future<String> attempt(JobContext job, int n, Set<String> tried, String last) {
        if (job.cancelled()) {
            return Future.succeededFuture("agent: the job was cancelled");
        }
        if (n > MAX_ATTEMPTS) {
            return Future.succeededFuture("agent: no worker completed the loop after " + MAX_ATTEMPTS + " attempts; last failure: "
                + last);
        }
        return capacity.acquire(placement(job, tried), capacityWaitMillis).transform(leased -> leased.failed()
            ? Future.succeededFuture("agent: no worker could run the loop (" + policy.describe(job.spec()) + ", a core worker): "
                + leased.cause().getMessage())
            : runOn(job, n, tried, leased.result()));
    }

    /** Core workers only (an edge worker cannot reach the inference role), as the job's placement rules allow. */
    private Placement placement(JobContext job, Set<String> tried) {
        JobSubmitRequest spec = job.spec();
        return new Placement(e -> !e.edge() && policy.allows(spec, e) && rules.allows(spec, e) && !reputation.excluded(e.nodeId()),
            Set.of(), tried, Set.of(), false, rules.preferredOrg(spec));
    }

    private Future<String> runOn(JobContext job, int n, Set<String> tried, CapacityTable.Lease lease) {
        String runId = job.id() + "-agent-" + UUID.randomUUID().toString().substring(0, 8);
        return remote(job, runId).compose(remote -> {
            AgentRunRequest request = request(job, runId, lease, remote);
            live.put(runId, new Live(job.id(), lease.id()));
            Promise<AgentRunReply> outcome = Promise.promise();
            long sent = System.nanoTime();
            bus.request(WorkerAddresses.agentRun(lease.nodeId()), request, AgentRunReply.class, deadline(job.spec()))
                .onSuccess(outcome::tryComplete).onFailure(outcome::tryFail);
            lease.lost().onFailure(outcome::tryFail);
            return outcome.future().transform(ar -> {
                long wallMs = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                live.remove(runId);
                lease.release();
                if (ar.failed()) {
                    return lost(job, n, tried, lease.nodeId(), BusClient.toMesh(ar.cause()));
                }
                return ended(job, request, lease, wallMs, ar.result());
            });
        });
    }

    /**
     * A round finished on the worker of a loop in flight from here: recorded at once, so the job
     * shows it while the loop goes on. A report naming no loop in flight here, or another lease, is
     * dropped (the lease id is known only to the worker that holds it).
     */
    public Future<Void> onStep(AgentStepEvent event) {
        Live run = event.runId() == null ? null : live.get(event.runId());
        if (run == null || !run.jobId().equals(event.jobId()) || !run.leaseId().equals(event.leaseId()) || event.step() == null) {
            return Future.succeededFuture();
        }
        return store.record(event.jobId(), event.runId(), List.of(event.step()));
    }

    /** A job was settled: each paid round of its loop shows what the ledger charged for its test runs. */
    public Future<Void> settled(SettleJobReply reply) {
        return store.charged(reply.jobId(), reply.charges());
    }

    /** Time for every round: a model answer and each test file's run, plus a margin. */
    static Duration deadline(JobSubmitRequest spec) {
        Duration round = MODEL_TIMEOUT.plus(Duration.ofSeconds((long) spec.timeoutSeconds() * spec.tests().size()));
        return round.multipliedBy(spec.maxIterations()).plus(REPLY_MARGIN);
    }

    private Future<String> lost(JobContext job, int n, Set<String> tried, String nodeId, MeshException e) {
        if (e.code() == ErrorCode.CONFLICT || job.cancelled()) {
            return Future.succeededFuture("agent: the job was cancelled");
        }
        if (e.code() == ErrorCode.BAD_REQUEST) {
            return Future.succeededFuture("agent: worker " + nodeId + " refused the loop: " + e.getMessage());
        }
        LOG.info("job {}: agent loop on worker {} lost ({}); trying another worker", job.id(), nodeId, e.getMessage());
        tried.add(nodeId);
        return attempt(job, n + 1, tried, "worker " + nodeId + ": " + e.getMessage());
    }

    private AgentRunRequest request(JobContext job, String runId, CapacityTable.Lease lease, String remote) {
        JobSubmitRequest spec = job.spec();
        return new AgentRunRequest(job.id(), runId, lease.id(), spec.language(), spec.files(), spec.tests(), spec.prompt(),
            spec.model(), spec.maxIterations(), spec.timeoutSeconds(), (int) MODEL_TIMEOUT.toSeconds(),
            Actor.user(spec.requester()), trust.requesterOrg(spec), JobSpecs.LOCAL_ONLY.equals(spec.locality()), remote,
            CoordinatorAddresses.agentSteps(coordinatorId));
    }

    /** The remote provider this run may use (null: none), decided now and audited when the job names one. */
    private Future<String> remote(JobContext job, String runId) {
        JobSubmitRequest spec = job.spec();
        if (spec.allowRemote() == null) {
            return Future.succeededFuture();
        }
        java.util.Optional<String> refusal = rules.remoteRefusal(spec);
        String reason = refusal.map(r -> "withheld: " + r).orElse("allowed: requested by the job, locality mesh");
        job.note("agent: cloud handoff to provider " + spec.allowRemote() + " " + reason);
        LOG.info("audit: job {} run {}: cloud handoff to provider {} for {} {}", job.id(), runId, spec.allowRemote(),
            spec.requester(), reason);
        return store.handoff(job.id(), runId, spec.allowRemote(), spec.requester(), trust.requesterOrg(spec), refusal.isEmpty(),
            reason).map(v -> refusal.isEmpty() ? spec.allowRemote() : null);
    }

    /** The loop's reply: its steps are recorded, the measures of its test runs checked and their pay recorded, then its outcome. */
    private Future<String> ended(JobContext job, AgentRunRequest sent, CapacityTable.Lease lease, long wallMs, AgentRunReply reply) {
        String nodeId = lease.nodeId();
        List<AgentStep> steps = reply.steps() == null ? List.of()
            : reply.steps().subList(0, Math.min(reply.steps().size(), job.spec().maxIterations()));
        return store.record(job.id(), sent.runId(), steps)
            .compose(v -> pay.record(job, sent, lease, wallMs, reply))
            .compose(v -> switch (String.valueOf(reply.outcome())) {
                case AgentRunReply.PASSED -> answer(job, nodeId, reply, steps.size());
                case AgentRunReply.CANCELLED -> Future.succeededFuture("agent: the job was cancelled");
                case AgentRunReply.FAILED, AgentRunReply.ERROR -> Future.succeededFuture("agent: " + safe(reply.message()));
                default -> Future.succeededFuture("agent: worker " + nodeId + " answered an unknown outcome");
            });
    }

    /** The loop passed on the worker: its files, with the job's own tests, become the files to verify. */
    private Future<String> answer(JobContext job, String nodeId, AgentRunReply reply, int rounds) {
        Map<String, String> files = new LinkedHashMap<>(reply.files() == null ? Map.of() : reply.files());
        job.spec().tests().forEach(t -> files.put(t, job.spec().files().get(t)));
        JobSubmitRequest answered;
        try {
            answered = JobSpecs.validate(job.spec().withFiles(files));
        } catch (MeshException e) {
            return Future.succeededFuture("agent: the answer of worker " + nodeId + " was refused: " + e.getMessage());
        }
        return store.answer(job.id(), answered.files()).map(won -> {
            if (!won) {
                return "agent: the job was cancelled";
            }
            job.useSpec(answered);
            job.note("agent: the tests passed on worker " + nodeId + " after " + rounds + " round(s); the answer is verified"
                + " like any job");
            return null;
        });
    }

    private static String safe(String message) {
        String m = message == null || message.isBlank() ? "the loop ended without saying why" : message.strip();
        return m.length() <= 2000 ? m : m.substring(0, 1997) + "...";
    }
}
