package io.edgecoder.ledger.inference;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.InferenceUsageReply;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerStore;
import io.edgecoder.ledger.impl.SettlementService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settles model calls like execution time (docs/inference.md, "Settlement"). {@link #authorize} escrows the most a
 * call may cost into {@code call:<id>} before any model runs: from the job's hold when the call serves a job that has
 * one (what the hold cannot cover is topped up from the requester, as for execution), else from the actor's account;
 * a payer that cannot cover it is refused with 402. {@link #settle} closes the call exactly once: a served call pays
 * its priced usage to the serving node (key {@code inference:<id>}) and returns the rest to the requester; a failed
 * call returns everything under the same key, so a call is paid or released, never both, and never twice.
 */
public final class InferenceSettlement {
    static final String RESERVED = "reserved";
    static final String PAID = "paid";
    static final String RELEASED = "released";

    private final LedgerStore store;
    private final PgInferenceCalls calls;
    private final InferencePricing pricing;
    private final int feeBps;
    private final Predicate<String> heldForReview;
    private final AllowanceDraws draws;

    public InferenceSettlement(LedgerStore store, Pool pool, InferencePricing pricing, int feeBps, Predicate<String> heldForReview) {
        this(store, pool, pricing, feeBps, heldForReview, new InferenceAllowances(store, pool, pricing, AllowanceTerms.DEFAULT,
            java.time.Clock.systemUTC()));
    }

    /** Settlement whose calls may be paid from the standing {@code allowances} ({@link InferenceAllowances}). */
    public InferenceSettlement(LedgerStore store, Pool pool, InferencePricing pricing, int feeBps, Predicate<String> heldForReview,
                               InferenceAllowances allowances) {
        this.store = store;
        this.calls = new PgInferenceCalls(pool);
        this.pricing = pricing;
        this.feeBps = feeBps;
        this.heldForReview = heldForReview;
        this.draws = new AllowanceDraws(store, calls, allowances, pricing);
    }

    /** The key that closes a call: its payment, or its full release. */
    public static String closeKey(String callId) {
        return "inference:" + callId;
    }

    /**
     * Escrows a call's most cost; {@code routedBy} is the routing node (recorded; the sender's certified node, null on a
     * node without bus authentication). A call naming an allowance is drawn from it ({@link AllowanceDraws}).
     */
    public Future<InferenceAuthorizeReply> authorize(InferenceAuthorizeRequest request, String routedBy) {
        try {
            InferenceChecks.check(request);
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
        if (request.allowanceId() != null) {
            return draws.draw(request, routedBy).map(InferenceSettlement::authorized);
        }
        // the call's row and the job's hold are independent reads: both go at once
        Future<Optional<PgInferenceCalls.Call>> found = calls.find(request.callId());
        Future<Optional<PgInferenceCalls.JobHold>> hold = calls.hold(request.jobId());
        return Future.all(found, hold)
            .compose(v -> found.result().isPresent() ? again(found.result().get(), request) : escrow(request, hold.result(), routedBy))
            .map(InferenceSettlement::authorized);
    }

    private Future<PgInferenceCalls.Call> again(PgInferenceCalls.Call call, InferenceAuthorizeRequest request) {
        if (!call.actor().equals(account(request, call.actor()))) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "call id " + request.callId() + " is in use by another caller"));
        }
        if (!call.open()) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "call " + request.callId() + " was already settled ("
                + call.state() + "); a new call needs a new request id"));
        }
        return appendEscrow(call);
    }

    /** The request's actor account, or {@code fallback} for a job's call without one. */
    private static String account(InferenceAuthorizeRequest r, String fallback) {
        return r.actor() == null ? fallback : r.actor().account();
    }

    private Future<PgInferenceCalls.Call> escrow(InferenceAuthorizeRequest r, Optional<PgInferenceCalls.JobHold> hold, String routedBy) {
        if (hold.isEmpty() && r.actor() == null) {
            return Future.failedFuture(MeshException.badRequest("actor: job " + r.jobId() + " has no budget hold, so the call"
                + " needs the account it is made for"));
        }
        String actor = account(r, hold.map(PgInferenceCalls.JobHold::requester).orElse(null));
        String payer = hold.isPresent() ? Accounts.hold(r.jobId()) : Accounts.user(actor);
        String refund = Accounts.user(hold.map(PgInferenceCalls.JobHold::requester).orElse(actor));
        // A class the routing node's operator pinned wins over the advertised size (inference.model.classes).
        InferencePricing.ModelClass modelClass = r.modelClass() != null ? InferencePricing.ModelClass.parse(r.modelClass())
            : pricing.classOf(r.sizeBytes());
        InferencePricing.Price price = pricing.price(modelClass);
        long amount = pricing.escrow(price, r.promptChars(), r.messages(), r.maxTokens());
        long held = hold.map(h -> Math.max(0, Math.min(h.balanceMilli(), amount))).orElse(amount);
        return calls.insert(new PgInferenceCalls.Call(r.callId(), actor, r.jobId(), payer, refund, r.model(), modelClass.id(),
                price.promptMilli(), price.completionMilli(), r.promptChars(), r.messages(), amount, held,
                routedBy == null ? "local" : routedBy, RESERVED, null, 0, null))
            .compose(recorded -> again(recorded, r));
    }

    /** Writes the escrow entries of the recorded terms (again: the same entries); 402 when the payer cannot cover them. */
    private Future<PgInferenceCalls.Call> appendEscrow(PgInferenceCalls.Call call) {
        String key = closeKey(call.callId()) + ":hold";
        List<EntryDraft> drafts = new ArrayList<>(2);
        if (call.heldMilli() > 0) {
            drafts.add(new EntryDraft(EntryKind.HOLD, call.payer(), Accounts.call(call.callId()), call.heldMilli(), reference(call), key));
        }
        long topup = call.reservedMilli() - call.heldMilli();
        if (topup > 0) {
            drafts.add(new EntryDraft(EntryKind.HOLD, call.refund(), Accounts.call(call.callId()), topup, reference(call), key + ":topup"));
        }
        return store.append(drafts).map(written -> call).recover(failure -> refused(call, failure));
    }

    private Future<PgInferenceCalls.Call> refused(PgInferenceCalls.Call call, Throwable failure) {
        if (!(failure instanceof MeshException mesh) || mesh.code() != ErrorCode.POLICY_REJECTED) {
            return Future.failedFuture(failure);
        }
        MeshException payment = new MeshException(ErrorCode.PAYMENT_REQUIRED, "insufficient credits for this model call: it may"
            + " cost up to " + call.reservedMilli() + " milli-credits (model class " + call.modelClass() + "); " + mesh.getMessage());
        return calls.forget(call.callId()).transform(v -> Future.failedFuture(payment));
    }

    /**
     * Closes a call. {@code sender} is the reporting node's certified id, or null on a node without bus authentication
     * (then {@code servedBy} is taken as it is).
     */
    public Future<InferenceUsageReply> settle(InferenceUsageRequest request, String sender) {
        try {
            InferenceChecks.check(request);
            if (request.served() && sender != null && !sender.equals(request.servedBy())) {
                throw new MeshException(ErrorCode.FORBIDDEN, "node " + sender + " may report only calls it served itself");
            }
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
        return calls.find(request.callId()).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(MeshException.notFound("call " + request.callId() + " was never authorized"));
            }
            PgInferenceCalls.Call call = found.get();
            if (!call.open()) {
                return Future.succeededFuture(usage(call));
            }
            // a call drawn from an allowance ran before its draw was written: its escrow may not be on the chain yet
            return (call.allowanceId() != null ? draws.append(call) : Future.succeededFuture(call)).compose(c -> close(c, request));
        });
    }

    private Future<InferenceUsageReply> close(PgInferenceCalls.Call call, InferenceUsageRequest r) {
        Closing closing = r.served() ? paid(call, r) : released(call, r);
        return store.append(closing.drafts())
            .compose(written -> calls.close(call.callId(), closing.state(), closing.payee(), closing.charged(), closing.usage(),
                r.failureCode()))
            .map(InferenceSettlement::usage)
            .recover(failure -> closedMeanwhile(call, failure));
    }

    /**
     * The close key is taken: by the other outcome (answer what the row records once it says so), or by this very close
     * written before the node stopped and never recorded on the row (the sweep's release then conflicts with the payment
     * forever): the row is then completed from the entries on the chain, which are what was settled.
     */
    private Future<InferenceUsageReply> closedMeanwhile(PgInferenceCalls.Call call, Throwable failure) {
        if (!(failure instanceof MeshException mesh) || mesh.code() != ErrorCode.CONFLICT) {
            return Future.failedFuture(failure);
        }
        return calls.find(call.callId()).compose(found -> found.filter(c -> !c.open())
            .map(c -> Future.succeededFuture(usage(c)))
            .orElseGet(() -> fromChain(call)));
    }

    private Future<InferenceUsageReply> fromChain(PgInferenceCalls.Call call) {
        String key = closeKey(call.callId());
        return store.entriesByReference(reference(call)).compose(entries -> {
            LedgerEntry closing = entries.stream().filter(e -> key.equals(e.idempotencyKey())).findFirst().orElse(null);
            if (closing == null) {
                return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "call " + call.callId() + " was closed otherwise already"));
            }
            if (closing.kind() != EntryKind.EARN) {
                return calls.close(call.callId(), RELEASED, null, 0, null, null).map(InferenceSettlement::usage);
            }
            long fee = entries.stream().filter(e -> (key + ":fee").equals(e.idempotencyKey())).mapToLong(LedgerEntry::amountMilli).sum();
            return calls.close(call.callId(), PAID, closing.to(), closing.amountMilli() + fee, null, null).map(InferenceSettlement::usage);
        });
    }

    private record Closing(String state, String payee, long charged, PgInferenceCalls.Usage usage, List<EntryDraft> drafts) {
    }

    private Closing paid(PgInferenceCalls.Call call, InferenceUsageRequest r) {
        boolean estimated = r.promptTokens() == 0 || r.completionTokens() == 0;
        long prompt = r.promptTokens() > 0 ? r.promptTokens() : InferencePricing.estimate(call.promptChars());
        long completion = r.completionTokens() > 0 ? r.completionTokens() : InferencePricing.estimate(r.answerChars());
        long cost = new InferencePricing.Price(call.promptPriceMilli(), call.completionPriceMilli()).cost(prompt, completion);
        long charged = Math.min(call.reservedMilli(), cost);
        long fee = charged * feeBps / 10_000;
        String payee = heldForReview.test(r.servedBy()) ? Accounts.review(r.servedBy()) : Accounts.node(r.servedBy());
        String escrow = Accounts.call(call.callId());
        String key = closeKey(call.callId());
        List<EntryDraft> drafts = new ArrayList<>(3);
        drafts.add(new EntryDraft(EntryKind.EARN, escrow, payee, charged - fee, reference(call), key));
        if (fee > 0) {
            drafts.add(new EntryDraft(EntryKind.FEE, escrow, Accounts.FEES, fee, reference(call), key + ":fee"));
        }
        if (call.reservedMilli() > charged) {
            drafts.add(new EntryDraft(EntryKind.RELEASE, escrow, call.refund(), call.reservedMilli() - charged, reference(call),
                key + ":rest"));
        }
        return new Closing(PAID, payee, charged, new PgInferenceCalls.Usage(r.servedBy(), r.provider(), prompt, completion,
            r.millis(), estimated), drafts);
    }

    private Closing released(PgInferenceCalls.Call call, InferenceUsageRequest r) {
        return new Closing(RELEASED, null, 0, null, List.of(new EntryDraft(EntryKind.RELEASE, Accounts.call(call.callId()),
            call.refund(), call.reservedMilli(), reference(call), closeKey(call.callId()))));
    }

    /** A job's call is booked on the job ({@code job:<id>}), any other on the call itself. */
    private static String reference(PgInferenceCalls.Call call) {
        return call.jobId() != null ? SettlementService.jobReference(call.jobId()) : closeKey(call.callId());
    }

    /** Releases the escrow of calls authorized before {@code before} that never reported back; resolves to how many. */
    public Future<Integer> sweep(java.time.Instant before) {
        return calls.openBefore(before, 100).compose(open -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (PgInferenceCalls.Call call : open) {
                chain = chain.compose(n -> expire(call).map(u -> n + 1).otherwise(n));
            }
            return chain;
        });
    }

    private Future<?> expire(PgInferenceCalls.Call call) {
        int code = ErrorCode.TIMEOUT.status();
        return close(call, new InferenceUsageRequest(call.callId(), false, null, null, null, 0, 0, 0, 0, code))
            .recover(failure -> failure instanceof MeshException m && m.code() == ErrorCode.POLICY_REJECTED
                // nothing was escrowed (the node stopped between recording the call and writing its escrow)
                ? calls.close(call.callId(), RELEASED, null, 0, null, code).map(InferenceSettlement::usage)
                : Future.failedFuture(failure));
    }

    private static InferenceAuthorizeReply authorized(PgInferenceCalls.Call c) {
        return new InferenceAuthorizeReply(c.callId(), c.payer(), c.modelClass(), c.promptPriceMilli(), c.completionPriceMilli(),
            c.reservedMilli());
    }

    private static InferenceUsageReply usage(PgInferenceCalls.Call c) {
        return new InferenceUsageReply(c.callId(), c.state(), c.chargedMilli(), c.payee());
    }
}
