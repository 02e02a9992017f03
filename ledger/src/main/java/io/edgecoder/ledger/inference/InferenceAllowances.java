package io.edgecoder.ledger.inference;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.InferenceAllowanceCloseReply;
import io.edgecoder.core.message.InferenceAllowanceCloseRequest;
import io.edgecoder.core.message.InferenceAllowanceReply;
import io.edgecoder.core.message.InferenceAllowanceRequest;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Standing allowances of model calls (docs/inference.md, "Allowances"): {@link #grant} escrows up to the asked amount
 * (at least the asked minimum, else 402) from an account into {@code allowance:<id>} for the sending routing node;
 * calls draw on it through {@link AllowanceDraws}; {@link #close} retires it and, once every call drawn from it is
 * settled, returns its rest to the payer, once ({@link #sweep} does the same for expired allowances and finishes what
 * waited). The balance rule keeps {@code allowance:<id>} at or above zero, which is what bounds every payment.
 */
public final class InferenceAllowances {
    private final LedgerStore store;
    private final PgAllowances rows;
    private final PgInferenceCalls calls;
    private final InferencePricing pricing;
    private final AllowanceTerms terms;
    private final Clock clock;

    public InferenceAllowances(LedgerStore store, Pool pool, InferencePricing pricing, AllowanceTerms terms, Clock clock) {
        this.store = store;
        this.rows = new PgAllowances(pool);
        this.calls = new PgInferenceCalls(pool);
        this.pricing = pricing;
        this.terms = terms;
        this.clock = clock;
    }

    /** Where an allowance's entries are booked. */
    static String reference(String allowanceId) {
        return Accounts.ALLOWANCE + allowanceId;
    }

    /** Grants an allowance to {@code sender} (null: a node without bus authentication, recorded as {@code local}). */
    public Future<InferenceAllowanceReply> grant(InferenceAllowanceRequest request, String sender) {
        try {
            AllowanceChecks.check(request, terms.maxMilli());
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
        String payer = Accounts.user(request.actor().account());
        String routedBy = routedBy(sender);
        return rows.find(request.allowanceId())
            .compose(found -> found.isPresent() ? again(found.get(), payer, routedBy) : fresh(request, payer, routedBy, amounts(request)))
            .map(this::granted);
    }

    static String routedBy(String sender) {
        return sender == null ? "local" : sender;
    }

    /** The amounts tried, largest first: what was asked (at most the cap), a quarter of it, the least of use. */
    private List<Long> amounts(InferenceAllowanceRequest r) {
        long want = Math.min(r.amountMilli(), terms.maxMilli());
        TreeSet<Long> tried = new TreeSet<>(java.util.Comparator.reverseOrder());
        tried.add(want);
        tried.add(Math.max(r.minMilli(), want / 4));
        tried.add(r.minMilli());
        return List.copyOf(tried);
    }

    private Future<PgAllowances.Allowance> again(PgAllowances.Allowance a, String payer, String routedBy) {
        if (!a.payer().equals(payer) || !a.routedBy().equals(routedBy)) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "allowance id " + a.id() + " is in use"));
        }
        if (!a.open()) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "allowance " + a.id() + " is " + a.state()
                + "; ask for a new one"));
        }
        return store.append(new EntryDraft(EntryKind.HOLD, a.payer(), Accounts.allowance(a.id()), a.amountMilli(),
            reference(a.id()), reference(a.id()) + ":hold")).map(entry -> a);
    }

    private Future<PgAllowances.Allowance> fresh(InferenceAllowanceRequest r, String payer, String routedBy, List<Long> amounts) {
        PgAllowances.Allowance wanted = new PgAllowances.Allowance(r.allowanceId(), payer, routedBy, amounts.get(0),
            PgAllowances.OPEN, 0, clock.instant().plus(terms.ttl()));
        return rows.insert(wanted).compose(recorded -> again(recorded, payer, routedBy)
            .recover(failure -> smaller(r, payer, routedBy, amounts, recorded, failure)));
    }

    /** The payer could not cover this amount: forget it and try the next, down to the least of use (then 402). */
    private Future<PgAllowances.Allowance> smaller(InferenceAllowanceRequest r, String payer, String routedBy, List<Long> amounts,
                                                   PgAllowances.Allowance tried, Throwable failure) {
        if (!(failure instanceof MeshException mesh) || mesh.code() != ErrorCode.POLICY_REJECTED) {
            return Future.failedFuture(failure);
        }
        Future<Void> forgotten = rows.forget(tried.id());
        if (amounts.size() > 1) {
            return forgotten.compose(v -> fresh(r, payer, routedBy, amounts.subList(1, amounts.size())));
        }
        MeshException payment = new MeshException(ErrorCode.PAYMENT_REQUIRED, "insufficient credits for an allowance of model"
            + " calls: " + payer + " cannot cover even " + r.minMilli() + " milli-credits; " + mesh.getMessage());
        return forgotten.transform(v -> Future.failedFuture(payment));
    }

    private InferenceAllowanceReply granted(PgAllowances.Allowance a) {
        return new InferenceAllowanceReply(a.id(), a.payer(), a.routedBy(), a.amountMilli(), a.expiresAt(), pricing.wire());
    }

    /** Retires an allowance of {@code sender}'s (403 for another node's) and returns its rest once its calls are settled. */
    public Future<InferenceAllowanceCloseReply> close(InferenceAllowanceCloseRequest request, String sender) {
        if (request == null || !AllowanceChecks.validId(request.allowanceId())) {
            return Future.failedFuture(MeshException.badRequest("allowanceId must be 1.." + AllowanceChecks.MAX_ID
                + " printable ASCII characters without spaces"));
        }
        return rows.find(request.allowanceId()).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(MeshException.notFound("allowance " + request.allowanceId() + " was never granted"));
            }
            if (!found.get().routedBy().equals(routedBy(sender))) {
                return Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN, "allowance " + request.allowanceId()
                    + " was granted to another routing node"));
            }
            return rows.retire(request.allowanceId()).compose(this::finish);
        });
    }

    /** A retired allowance: when no call drawn from it is open, its rest goes back to the payer (key {@code allowance:<id>:close}). */
    private Future<InferenceAllowanceCloseReply> finish(PgAllowances.Allowance a) {
        return calls.drawn(a.id()).compose(drawn -> {
            if (PgAllowances.CLOSED.equals(a.state()) || drawn.open() > 0) {
                return Future.succeededFuture(new InferenceAllowanceCloseReply(a.id(), a.state(), drawn.chargedMilli(), a.returnedMilli()));
            }
            return rows.balance(Accounts.allowance(a.id()))
                .compose(rest -> rest <= 0 ? Future.<Void>succeededFuture() : store.append(new EntryDraft(EntryKind.RELEASE,
                    Accounts.allowance(a.id()), a.payer(), rest, reference(a.id()), reference(a.id()) + ":close")).<Void>mapEmpty())
                .compose(v -> returned(a.id()))
                .compose(returned -> rows.closed(a.id(), returned))
                .map(closed -> new InferenceAllowanceCloseReply(closed.id(), closed.state(), drawn.chargedMilli(), closed.returnedMilli()));
        });
    }

    private Future<Long> returned(String id) {
        return store.entriesByReference(reference(id)).map(entries -> entries.stream()
            .filter(e -> e.kind() == EntryKind.RELEASE).mapToLong(LedgerEntry::amountMilli).sum());
    }

    /** Retires expired allowances and returns the rest of every retired one whose calls are settled; resolves to how many closed. */
    public Future<Integer> sweep(Instant now) {
        return rows.due(now, 100).compose(due -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (PgAllowances.Allowance a : due) {
                chain = chain.compose(n -> (a.open() ? rows.retire(a.id()) : Future.succeededFuture(a)).compose(this::finish)
                    .map(reply -> PgAllowances.CLOSED.equals(reply.state()) ? n + 1 : n).otherwise(n));
            }
            return chain;
        });
    }

    /** A routing node left the cluster: its allowances take no more draws (the sweep returns their rest). */
    public Future<Integer> routerLeft(String nodeId) {
        return nodeId == null ? Future.succeededFuture(0) : rows.retireRouter(nodeId);
    }

    /** The allowance as recorded (for draws). */
    Future<Optional<PgAllowances.Allowance>> find(String id) {
        return rows.find(id);
    }

    Future<Long> balance(String id) {
        return rows.balance(Accounts.allowance(id));
    }
}
