package io.edgecoder.coordinator.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.JobHoldReply;
import io.edgecoder.core.message.JobHoldRequest;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.PriceRequest;
import io.vertx.core.Future;

/**
 * Escrows a job's budget on the ledger before it runs: an estimate of
 * {@value #ESTIMATE_SECONDS_PER_TEST} CPU-seconds per test file (or its timeout, if shorter) at the
 * current price. The hold is an estimate, not a cap: the ledger tops it up from the requester when
 * measured use exceeds it, and releases what is left. The outcome is a hold, a
 * refusal the requester must see (they cannot pay), or — when no ledger runs anywhere in the
 * cluster — no hold at all, which the job records as a note (settlement then pays from the
 * requester's account directly once a ledger is back).
 */
public final class JobBudget {
    static final int ESTIMATE_SECONDS_PER_TEST = 5;

    private final BusClient bus;

    public JobBudget(BusClient bus) {
        this.bus = bus;
    }

    /** The outcome of a hold attempt. {@code refusal} is set when the job must be rejected. */
    public record Outcome(boolean held, long budgetMilli, String refusal, String note) {
    }

    public static long budgetFor(JobSubmitRequest job, long priceMilli) {
        return Math.max(1, priceMilli) * job.tests().size() * Math.min(ESTIMATE_SECONDS_PER_TEST, job.timeoutSeconds());
    }

    public Future<Outcome> hold(String jobId, JobSubmitRequest job) {
        return bus.request(EconomyAddresses.PRICE_GET, new PriceRequest(), PriceReply.class)
            .compose(price -> bus.request(EconomyAddresses.JOB_HOLD,
                new JobHoldRequest(jobId, job.requester(), budgetFor(job, price.priceMilli())), JobHoldReply.class))
            .map(reply -> new Outcome(true, reply.budgetMilli(), null, null))
            .recover(this::classify);
    }

    private Future<Outcome> classify(Throwable failure) {
        MeshException e = BusClient.toMesh(failure);
        if (e.noHandler()) {
            return Future.succeededFuture(new Outcome(false, 0, null,
                "no ledger was reachable at submission: no budget hold was placed"));
        }
        if (e.code() == ErrorCode.POLICY_REJECTED || e.code() == ErrorCode.BAD_REQUEST || e.code() == ErrorCode.CONFLICT) {
            return Future.succeededFuture(new Outcome(false, 0, "budget hold refused: " + e.getMessage(), null));
        }
        return Future.failedFuture(e);
    }
}
