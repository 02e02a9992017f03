package io.edgecoder.coordinator.impl;

import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What an agent loop's own test runs are paid: checks the worker's signed measures of each round
 * ({@link AgentRunCheck}, off the event loop since the statement digests every file of the answer) and
 * records each round's pay, which the job's settlement then pays from its hold to the worker like a
 * subtask's run. A refused measure is noted on the job and unpaid; a signed impossible one quarantines
 * the worker, an unsigned or forged one counts a strike, as for subtask results.
 */
public final class AgentRunPay {
    private final Vertx vertx;
    private final PgAgentStore store;
    private final Reputation reputation;

    public AgentRunPay(Vertx vertx, PgAgentStore store, Reputation reputation) {
        this.vertx = vertx;
        this.store = store;
        this.reputation = reputation;
    }

    /** Checks and records the pay of the loop {@code reply} ends; {@code leaseWallMs} is the lease as measured here. */
    public Future<Void> record(JobContext job, AgentRunRequest sent, CapacityTable.Lease lease, long leaseWallMs,
                               AgentRunReply reply) {
        return vertx.executeBlocking(() -> checked(sent, lease, reply, leaseWallMs), false)
            .compose(verdict -> store.checked(job.id(), sent.runId(), lease.nodeId(), leaseWallMs, lease.worker().cores(), verdict)
                .compose(v -> verdict.refusal() == null ? capped(job, verdict) : refused(job, lease.nodeId(), verdict)));
    }

    /** The check; a reply it cannot read (a malformed step) is refused, never a failure of the job. */
    private static AgentRunCheck.Verdict checked(AgentRunRequest sent, CapacityTable.Lease lease, AgentRunReply reply,
                                                 long leaseWallMs) {
        try {
            return AgentRunCheck.check(sent, lease, reply, leaseWallMs);
        } catch (RuntimeException e) {
            return new AgentRunCheck.Verdict(java.util.List.of(), "the agent reply from " + lease.nodeId()
                + " could not be checked: " + e.getClass().getSimpleName(), false);
        }
    }

    private Future<Void> capped(JobContext job, AgentRunCheck.Verdict verdict) {
        verdict.pays().stream().filter(p -> p.payMs() < p.cpuMs()).forEach(p -> job.note("agent: round " + p.iteration()
            + "'s test runs are paid " + p.payMs() + " ms of the " + p.cpuMs() + " ms of CPU signed (their wall time on the"
            + " slot's cores, within the loop's lease)"));
        return Future.succeededFuture();
    }

    private Future<Void> refused(JobContext job, String nodeId, AgentRunCheck.Verdict verdict) {
        job.note("agent: the loop's test runs on worker " + nodeId + " are not paid: " + verdict.refusal());
        if (!verdict.provable()) {
            return reputation.strike(nodeId, verdict.refusal());
        }
        job.note("worker " + nodeId + " was quarantined: " + verdict.refusal());
        return reputation.quarantine(nodeId, verdict.refusal(), false);
    }
}
