package io.edgecoder.ledger.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.QualityMultiplier;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure arithmetic of a settlement: for each verified contribution, gross =
 * max(1, round(cpuMs × price / 1000)); fee = floor(gross × feeBps / 10000) to {@code fees};
 * the worker earns floor((gross − fee) × quality / 10000); what the quality multiplier holds
 * back is spent to {@code reserve}. With a hold, the job pays from {@code hold:<job>}, tops the
 * hold up from the requester when use exceeds the budget, and releases the rest.
 */
final class SettlementMath {
    private SettlementMath() {
    }

    /**
     * One contribution's measured use and its model quality in basis points; {@code heldForReview}: the
     * worker is blacklisted, so its share is credited to {@code review:<node>} instead of its account.
     */
    record Work(String attemptId, String workerId, long cpuMs, int qualityBps, boolean heldForReview) {
        Work(String attemptId, String workerId, long cpuMs, int qualityBps) {
            this(attemptId, workerId, cpuMs, qualityBps, false);
        }
    }

    /** A job's hold, or null when the job has none. */
    record Hold(String requester, long budgetMilli, long priceMilli) {
    }

    static long gross(long cpuMs, long priceMilli) {
        try {
            return Math.max(1, Math.addExact(Math.multiplyExact(cpuMs, priceMilli), 500) / 1000);
        } catch (ArithmeticException e) {
            throw MeshException.badRequest("cpuMs " + cpuMs + " is too large to price");
        }
    }

    static List<EntryDraft> drafts(String jobId, String requester, List<Work> work, Hold hold, long basePrice,
                                   int feeBps) {
        String reference = SettlementService.jobReference(jobId);
        String payer = hold == null ? Accounts.user(requester) : Accounts.hold(jobId);
        long price = hold == null ? basePrice : hold.priceMilli();
        List<EntryDraft> payments = new ArrayList<>();
        long total = 0;
        for (Work w : work) {
            long gross = gross(w.cpuMs(), price);
            total += gross;
            payments.addAll(split(w, gross, feeBps, payer, reference));
        }
        if (hold == null) {
            return payments;
        }
        List<EntryDraft> out = new ArrayList<>();
        if (total > hold.budgetMilli()) {
            out.add(new EntryDraft(EntryKind.HOLD, Accounts.user(requester), payer, total - hold.budgetMilli(),
                reference, "hold:" + jobId + ":topup"));
        }
        out.addAll(payments);
        if (total < hold.budgetMilli()) {
            out.add(new EntryDraft(EntryKind.RELEASE, payer, Accounts.user(requester), hold.budgetMilli() - total,
                reference, "release:" + jobId));
        }
        return out;
    }

    private static List<EntryDraft> split(Work w, long gross, int feeBps, String payer, String reference) {
        long fee = gross * feeBps / 10_000;
        long share = (gross - fee) * w.qualityBps() / QualityMultiplier.FULL_BPS;
        long withheld = gross - fee - share;
        String key = SettlementService.settleKey(w.attemptId());
        List<EntryDraft> out = new ArrayList<>(3);
        if (share > 0) {
            String earner = w.heldForReview() ? Accounts.review(w.workerId()) : Accounts.node(w.workerId());
            out.add(new EntryDraft(EntryKind.EARN, payer, earner, share, reference, key));
        }
        if (fee > 0) {
            out.add(new EntryDraft(EntryKind.FEE, payer, Accounts.FEES, fee, reference, key + ":fee"));
        }
        if (withheld > 0) {
            out.add(new EntryDraft(EntryKind.SPEND, payer, Accounts.RESERVE, withheld, reference, key + ":reserve"));
        }
        return out;
    }
}
