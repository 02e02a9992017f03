package io.edgecoder.ledger.inference;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerStore;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * A call paid from a standing allowance (docs/inference.md, "Allowances"): the routing node has already started the
 * model, and now records the call; its escrow moves {@code allowance:<id>} → {@code call:<callId>} (key
 * {@code inference:<callId>:hold}) and its rest returns to the allowance when it is settled. Only the allowance's own
 * routing node may draw on it (403), only for the allowance's account (403), only while it is open (409). The escrow is
 * the call's most cost, <b>capped</b> at what is left of the allowance: the model is already running when the draw
 * arrives, so refusing would leave the serving node unpaid for work done in good faith, while the cap keeps the payer's
 * loss within what it granted; nothing left at all is refused with 402. The balance rule keeps the allowance at or
 * above zero whatever draws race each other.
 */
final class AllowanceDraws {
    private static final int TRIES = 3;

    private final LedgerStore store;
    private final PgInferenceCalls calls;
    private final InferenceAllowances allowances;
    private final InferencePricing pricing;

    AllowanceDraws(LedgerStore store, PgInferenceCalls calls, InferenceAllowances allowances, InferencePricing pricing) {
        this.store = store;
        this.calls = calls;
        this.allowances = allowances;
        this.pricing = pricing;
    }

    Future<PgInferenceCalls.Call> draw(InferenceAuthorizeRequest r, String sender) {
        if (r.jobId() != null || r.actor() == null || !AllowanceChecks.validId(r.allowanceId())) {
            return Future.failedFuture(MeshException.badRequest("allowanceId: 1.." + AllowanceChecks.MAX_ID + " printable characters,"
                + " for a call with an actor and no job (a job's calls are paid from the job's hold)"));
        }
        return attempt(r, InferenceAllowances.routedBy(sender), TRIES);
    }

    private Future<PgInferenceCalls.Call> attempt(InferenceAuthorizeRequest r, String routedBy, int tries) {
        Future<Optional<PgInferenceCalls.Call>> found = calls.find(r.callId());
        Future<Optional<PgAllowances.Allowance>> allowance = allowances.find(r.allowanceId());
        return Future.all(found, allowance).compose(v -> {
            PgAllowances.Allowance a = allowance.result().orElse(null);
            MeshException refused = refusal(r, a, routedBy);
            if (refused != null) {
                return Future.failedFuture(refused);
            }
            if (found.result().isPresent()) {
                return again(found.result().get(), r);
            }
            return a.open() ? fresh(r, a, routedBy, tries) : Future.failedFuture(new MeshException(ErrorCode.CONFLICT,
                "allowance " + a.id() + " is " + a.state() + ": it takes no new calls"));
        });
    }

    private static MeshException refusal(InferenceAuthorizeRequest r, PgAllowances.Allowance a, String routedBy) {
        if (a == null) {
            return MeshException.notFound("allowance " + r.allowanceId() + " was never granted");
        }
        if (!a.routedBy().equals(routedBy)) {
            return new MeshException(ErrorCode.FORBIDDEN, "allowance " + a.id() + " was granted to another routing node");
        }
        if (!a.payer().equals(Accounts.user(r.actor().account()))) {
            return new MeshException(ErrorCode.FORBIDDEN, "allowance " + a.id() + " is not of the call's account");
        }
        return null;
    }

    /** The same call drawn again: the same escrow (while it is open). */
    private Future<PgInferenceCalls.Call> again(PgInferenceCalls.Call call, InferenceAuthorizeRequest r) {
        if (!r.allowanceId().equals(call.allowanceId())) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "call id " + r.callId() + " is in use by another caller"));
        }
        if (!call.open()) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "call " + r.callId() + " was already settled ("
                + call.state() + "); a new call needs a new request id"));
        }
        return append(call);
    }

    private Future<PgInferenceCalls.Call> fresh(InferenceAuthorizeRequest r, PgAllowances.Allowance a, String routedBy, int tries) {
        InferencePricing.ModelClass modelClass = r.modelClass() != null ? InferencePricing.ModelClass.parse(r.modelClass())
            : pricing.classOf(r.sizeBytes());
        InferencePricing.Price price = pricing.price(modelClass);
        long most = pricing.escrow(price, r.promptChars(), r.messages(), r.maxTokens());
        String account = Accounts.allowance(a.id());
        return allowances.balance(a.id()).compose(left -> {
            if (left < 1) {
                return Future.failedFuture(new MeshException(ErrorCode.PAYMENT_REQUIRED, "allowance " + a.id() + " is spent"));
            }
            long escrow = Math.min(most, left);
            return calls.insertDrawn(new PgInferenceCalls.Call(r.callId(), r.actor().account(), null, account, account, r.model(),
                    modelClass.id(), price.promptMilli(), price.completionMilli(), r.promptChars(), r.messages(), escrow, escrow,
                    routedBy, InferenceSettlement.RESERVED, null, 0, a.id()))
                .compose(recorded -> recorded.isPresent() ? again(recorded.get(), r) : Future.failedFuture(new MeshException(
                    ErrorCode.CONFLICT, "allowance " + a.id() + " was retired meanwhile: it takes no new calls")))
                .recover(failure -> raced(r, routedBy, tries, failure));
        });
    }

    /** Another draw took the allowance's rest meanwhile (the balance rule refused this one): try again on what is left. */
    private Future<PgInferenceCalls.Call> raced(InferenceAuthorizeRequest r, String routedBy, int tries, Throwable failure) {
        if (!(failure instanceof MeshException mesh) || mesh.code() != ErrorCode.POLICY_REJECTED) {
            return Future.failedFuture(failure);
        }
        Future<Void> forgotten = calls.forget(r.callId());
        return tries > 1 ? forgotten.compose(v -> attempt(r, routedBy, tries - 1))
            : forgotten.transform(v -> Future.failedFuture(new MeshException(ErrorCode.PAYMENT_REQUIRED, "allowance "
                + r.allowanceId() + " could not cover the call: " + mesh.getMessage())));
    }

    /**
     * The escrow of a recorded draw, written again or for the first time: the same entry under the same key, so a usage
     * report that overtook the draw (the model started before it) and the draw itself write it once between them.
     */
    Future<PgInferenceCalls.Call> append(PgInferenceCalls.Call call) {
        return store.append(new EntryDraft(EntryKind.HOLD, call.payer(), Accounts.call(call.callId()), call.reservedMilli(),
            InferenceSettlement.closeKey(call.callId()), InferenceSettlement.closeKey(call.callId()) + ":hold")).map(e -> call);
    }
}
