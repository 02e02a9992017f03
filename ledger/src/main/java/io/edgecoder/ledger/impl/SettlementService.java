package io.edgecoder.ledger.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerStore;
import io.edgecoder.ledger.QualityMultiplier;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Holds and settles jobs (amounts: {@link SettlementMath}). A hold escrows the job's budget in
 * {@code hold:<job>} at the current price; settling pays each verified contribution (key
 * {@code settle:<attemptId>}, reference {@code job:<jobId>}), takes the fee, releases the rest.
 * Without a hold the requester pays directly at the base price. Unverified jobs earn nothing
 * (a hold is released in full). Every step is idempotent; the reply is computed from the
 * stored entries of the job, so repeating a settlement returns the same reply.
 */
public final class SettlementService {
    private final LedgerStore store;
    private final PgJobs jobs;
    private final long basePriceMilli;
    private final int feeBps;
    private final LongSupplier currentPrice;
    private final java.util.function.Predicate<String> heldForReview;

    /** A placed hold. */
    public record HoldResult(String jobId, long budgetMilli, long priceMilli) {
    }

    public SettlementService(LedgerStore store, Pool pool, long basePriceMilli, int feeBps, LongSupplier currentPrice) {
        this(store, pool, basePriceMilli, feeBps, currentPrice, workerId -> false);
    }

    /**
     * A settlement that credits the earnings of workers {@code heldForReview} names (blacklisted by the
     * control plane) to {@code review:<node>} instead of paying them.
     */
    public SettlementService(LedgerStore store, Pool pool, long basePriceMilli, int feeBps, LongSupplier currentPrice,
                             java.util.function.Predicate<String> heldForReview) {
        this.heldForReview = heldForReview;
        if (basePriceMilli < 1 || feeBps < 0 || feeBps > 5_000) {
            throw new IllegalArgumentException("price must be positive and the fee within 0..5000 bps");
        }
        this.store = store;
        this.jobs = new PgJobs(pool);
        this.basePriceMilli = basePriceMilli;
        this.feeBps = feeBps;
        this.currentPrice = currentPrice;
    }

    public static String jobReference(String jobId) {
        return "job:" + jobId;
    }

    public static String settleKey(String attemptId) {
        return "settle:" + attemptId;
    }

    /** Escrows {@code budgetMilli} of the requester's credits for the job (422 when it cannot pay). */
    public Future<HoldResult> hold(String jobId, String requester, long budgetMilli) {
        try {
            SettleValidation.checkHold(jobId, requester, budgetMilli);
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
        long price = currentPrice.getAsLong();
        EntryDraft draft = new EntryDraft(EntryKind.HOLD, Accounts.user(requester), Accounts.hold(jobId), budgetMilli,
            jobReference(jobId), "hold:" + jobId);
        return store.append(draft)
            .compose(entry -> jobs.record(jobId, new SettlementMath.Hold(requester, budgetMilli, price), entry.seq()))
            .map(h -> new HoldResult(jobId, h.budgetMilli(), h.priceMilli()));
    }

    public Future<SettleJobReply> settle(SettleJobRequest request) {
        try {
            SettleValidation.check(request);
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
        return jobs.find(request.jobId())
            .compose(hold -> store.append(drafts(request, hold)))
            .compose(written -> summarize(request));
    }

    private List<EntryDraft> drafts(SettleJobRequest request, Optional<SettlementMath.Hold> hold) {
        if (hold.isPresent() && !hold.get().requester().equals(request.requester())) {
            throw new MeshException(ErrorCode.CONFLICT, "job " + request.jobId() + " was held for another requester");
        }
        List<SettlementMath.Work> work = request.verified()
            ? request.contributions().stream().map(this::work).toList() : List.of();
        return SettlementMath.drafts(request.jobId(), request.requester(), work, hold.orElse(null), basePriceMilli,
            feeBps);
    }

    private SettlementMath.Work work(Contribution c) {
        // the contract carries no model size yet: contributions earn in full
        return new SettlementMath.Work(c.attemptId(), c.workerId(), c.cpuMs(), QualityMultiplier.bps(null),
            c.workerId() != null && heldForReview.test(c.workerId()));
    }

    /** The reply from the stored entries of the job: its charge, its entry count, and what each contribution cost. */
    private Future<SettleJobReply> summarize(SettleJobRequest request) {
        String jobId = request.jobId();
        return store.entriesByReference(jobReference(jobId)).map(entries -> {
            long charged = 0;
            Map<String, Long> byKey = new HashMap<>();
            for (LedgerEntry e : entries) {
                if (e.kind() == EntryKind.EARN || e.kind() == EntryKind.FEE || e.kind() == EntryKind.SPEND) {
                    charged += e.amountMilli();
                    byKey.merge(e.idempotencyKey(), e.amountMilli(), Long::sum);
                }
            }
            return new SettleJobReply(jobId, charged, entries.size(), charges(request, byKey));
        });
    }

    /** What each contribution cost the payer: its earning, fee and reserve entries ({@link SettlementMath}'s keys). */
    private static Map<String, Long> charges(SettleJobRequest request, Map<String, Long> byKey) {
        Map<String, Long> out = new HashMap<>();
        if (!request.verified() || request.contributions() == null) {
            return out;
        }
        for (Contribution c : request.contributions()) {
            String key = settleKey(c.attemptId());
            long cost = byKey.getOrDefault(key, 0L) + byKey.getOrDefault(key + ":fee", 0L) + byKey.getOrDefault(key + ":reserve", 0L);
            out.put(c.attemptId(), cost);
        }
        return out;
    }
}
