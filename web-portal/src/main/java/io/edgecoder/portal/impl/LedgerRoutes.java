package io.edgecoder.portal.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.ConsistencyProofReply;
import io.edgecoder.core.message.ConsistencyProofRequest;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.InclusionProofRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.Ownership;
import io.edgecoder.core.message.Actor;
import io.edgecoder.portal.PortalLimits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ledger read routes, answered by the ledger role: balances, chain verification, an account's
 * history, checkpoints and Merkle proofs.
 */
public final class LedgerRoutes {
    /** Largest history page; the ledger's own bound. */
    public static final int MAX_HISTORY_LIMIT = 1000;

    /** Prefix of a job's escrow account in the ledger ({@code hold:<jobId>}). */
    static final String HOLD_PREFIX = "hold:";

    private final BusClient bus;

    public LedgerRoutes(BusClient bus) {
        this.bus = bus;
    }

    /**
     * {@code GET /api/v1/ledger/balances?includeZero=&account=}: for a person, only their own account
     * ({@code user:<account>}); for an admin every account (or {@code account}), except the holds of
     * settled jobs (zero-balance {@code hold:} accounts) unless {@code includeZero=true}. The ledger
     * filters by the caller.
     */
    public void balances(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> QueryParams.flag(c, "includeZero", false))
            .compose(includeZero -> bus.request(LedgerAddresses.BALANCE_LIST, balancesRequest(ctx), BalancesReply.class)
                .map(reply -> balancesJson(reply, includeZero)))
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/verify}. */
    public void verify(RoutingContext ctx) {
        bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class)
            .map(ApiJson::verify)
            .onSuccess(json -> HttpJson.send(ctx, 200, json))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/accounts/:account/history?limit=&after=}. */
    public void history(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(LedgerRoutes::historyRequest)
            .compose(request -> bus.request(EconomyAddresses.ACCOUNT_HISTORY, request, AccountHistoryReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 200, EconomyJson.history(reply)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/checkpoints}. */
    public void checkpoints(RoutingContext ctx) {
        bus.request(EconomyAddresses.CHECKPOINT_LIST, new CheckpointListRequest(), CheckpointListReply.class)
            .onSuccess(reply -> HttpJson.send(ctx, 200, EconomyJson.checkpoints(reply.checkpoints())))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/proofs/inclusion?seq=&checkpoint=}. */
    public void inclusion(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> new InclusionProofRequest(QueryParams.requiredNumber(c, "seq", 1, Long.MAX_VALUE),
                QueryParams.number(c, "checkpoint", 1, Long.MAX_VALUE)))
            .compose(request -> bus.request(EconomyAddresses.PROOF_INCLUSION, request, InclusionProofReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 200, EconomyJson.inclusion(reply)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/ledger/proofs/consistency?from=&to=}. */
    public void consistency(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(LedgerRoutes::consistencyRequest)
            .compose(request -> bus.request(EconomyAddresses.PROOF_CONSISTENCY, request, ConsistencyProofReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 200, EconomyJson.consistency(reply)))
            .onFailure(ctx::fail);
    }

    private static BalancesRequest balancesRequest(RoutingContext ctx) {
        String account = QueryParams.single(ctx, "account");
        if (account != null && (account.isEmpty() || account.length() > PortalLimits.MAX_ID_LENGTH + 10)) {
            throw MeshException.badRequest("account: must be a ledger account name such as user:<account>");
        }
        return new BalancesRequest(Actors.of(ctx), account);
    }

    private static AccountHistoryRequest historyRequest(RoutingContext ctx) {
        String account = PathParams.account(ctx);
        Actor actor = Actors.of(ctx);
        if (!Ownership.mayReadLedgerAccount(actor, account)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "account: only your own account "
                + Ownership.ledgerAccountOf(actor.account()));
        }
        return new AccountHistoryRequest(account, QueryParams.limit(ctx, MAX_HISTORY_LIMIT),
            QueryParams.number(ctx, "after", 0, Long.MAX_VALUE), actor);
    }

    private static ConsistencyProofRequest consistencyRequest(RoutingContext ctx) {
        long from = QueryParams.requiredNumber(ctx, "from", 1, Long.MAX_VALUE);
        long to = QueryParams.requiredNumber(ctx, "to", 1, Long.MAX_VALUE);
        if (to <= from) {
            throw MeshException.badRequest("to: must be greater than from (" + from + "), got " + to);
        }
        return new ConsistencyProofRequest(from, to);
    }

    private static JsonObject balancesJson(BalancesReply reply, boolean includeZero) {
        Map<String, Long> sorted = reply.balances() == null ? Map.of() : new TreeMap<>(reply.balances());
        JsonObject balances = new JsonObject();
        sorted.forEach((account, milli) -> {
            if (includeZero || !isSettledHold(account, milli)) {
                balances.put(account, milli);
            }
        });
        return new JsonObject().put("balances", balances);
    }

    private static boolean isSettledHold(String account, Long milli) {
        return account.startsWith(HOLD_PREFIX) && milli != null && milli == 0L;
    }
}
