package io.edgecoder.ledger.app;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.ConsistencyProofRequest;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.InclusionProofRequest;
import io.edgecoder.core.message.IntentCreateRequest;
import io.edgecoder.core.message.IntentGetRequest;
import io.edgecoder.core.message.IntentSettleRequest;
import io.edgecoder.core.message.IssuanceListReply;
import io.edgecoder.core.message.IssuanceListRequest;
import io.edgecoder.core.message.JobHoldReply;
import io.edgecoder.core.message.JobHoldRequest;
import io.edgecoder.core.message.LoadReport;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.PriceRequest;
import io.edgecoder.core.message.QuoteRequest;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.economy.DynamicPrice;
import io.edgecoder.ledger.economy.ManualProvider;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/** The consumers of {@link EconomyAddresses}: validation of bus input and mapping to the services. */
final class EconomyConsumers {
    private static final int MAX_PAGE = 1000;

    private final LedgerServices s;

    EconomyConsumers(LedgerServices services) {
        this.s = services;
    }

    Future<?> register(BusClient bus) {
        return Future.all(List.of(
            new AnchorConsumers(s.anchors).register(bus),
            bus.consumer(EconomyAddresses.JOB_HOLD, JobHoldRequest.class, this::hold),
            bus.consumer(EconomyAddresses.PRICE_GET, PriceRequest.class, q -> Future.succeededFuture(price())),
            bus.consumer(EconomyAddresses.LOAD_REPORT, LoadReport.class, this::load),
            bus.consumer(EconomyAddresses.ACCOUNT_HISTORY, AccountHistoryRequest.class, this::history),
            bus.consumer(EconomyAddresses.QUOTE_CREATE, QuoteRequest.class,
                q -> s.quotes.issue(q.direction(), q.creditsMilli()).map(EconomyViews::quote)),
            bus.consumer(EconomyAddresses.INTENT_CREATE, IntentCreateRequest.class, this::createIntent),
            bus.consumer(EconomyAddresses.INTENT_SETTLE, IntentSettleRequest.class,
                q -> s.intents.settle(required(q.intentId(), "intentId"), q.proof()).map(EconomyViews::intent)),
            bus.consumer(EconomyAddresses.INTENT_GET, IntentGetRequest.class,
                q -> s.intents.get(required(q.intentId(), "intentId")).map(EconomyViews::intent)),
            bus.consumer(EconomyAddresses.ISSUANCE_LIST, IssuanceListRequest.class, this::issuance),
            bus.consumer(EconomyAddresses.CHECKPOINT_LIST, CheckpointListRequest.class, q -> s.checkpoints.list()
                .map(list -> new CheckpointListReply(list.stream().map(EconomyViews::checkpoint).toList()))),
            bus.consumer(EconomyAddresses.PROOF_INCLUSION, InclusionProofRequest.class, this::inclusion),
            bus.consumer(EconomyAddresses.PROOF_CONSISTENCY, ConsistencyProofRequest.class,
                q -> s.proofs.consistency(q.fromId(), q.toId()).map(EconomyViews::consistency))));
    }

    private Future<JobHoldReply> hold(JobHoldRequest q) {
        return s.settlement.hold(q.jobId(), q.requester(), q.budgetMilli())
            .map(h -> new JobHoldReply(h.jobId(), h.budgetMilli(), h.priceMilli()));
    }

    private Future<InclusionProofReply> inclusion(InclusionProofRequest q) {
        if (q.seq() < 1 || (q.checkpointId() != null && q.checkpointId() < 1)) {
            return Future.failedFuture(MeshException.badRequest("seq and checkpointId must be >= 1"));
        }
        return s.proofs.inclusion(q.seq(), q.checkpointId()).map(EconomyViews::inclusion);
    }

    private PriceReply price() {
        DynamicPrice.Params p = s.price.params();
        return new PriceReply(s.price.current(), p.baseMilli(), p.minMilli(), p.maxMilli(), s.price.lastLoad());
    }

    private Future<Void> load(LoadReport report) {
        return attempt(() -> {
            try {
                s.price.observe(report.queuedDemand(), report.freeCapacity());
                return null;
            } catch (IllegalArgumentException e) {
                throw MeshException.badRequest(e.getMessage());
            }
        });
    }

    private Future<AccountHistoryReply> history(AccountHistoryRequest q) {
        String account = required(q.account(), "account");
        BalanceViews.checkHistory(q);
        int limit = q.limit() == null ? 100 : q.limit();
        long after = q.afterSeq() == null ? 0 : q.afterSeq();
        if (limit < 1 || limit > MAX_PAGE || after < 0) {
            return Future.failedFuture(MeshException.badRequest("limit must be 1.." + MAX_PAGE + " and afterSeq >= 0"));
        }
        return s.store.history(account, after, limit).map(entries -> new AccountHistoryReply(account,
            entries.stream().map(EconomyViews::entry).toList(),
            entries.size() < limit ? null : entries.get(entries.size() - 1).seq()));
    }

    private Future<?> createIntent(IntentCreateRequest q) {
        return attempt(() -> EconomyViews.quote(q.quote()))
            .compose(quote -> s.intents.create(q.user(), quote,
                q.provider() == null ? ManualProvider.ID : q.provider()))
            .map(EconomyViews::intent);
    }

    private Future<IssuanceListReply> issuance(IssuanceListRequest q) {
        if (s.issuance == null) {
            return Future.succeededFuture(new IssuanceListReply(List.of()));
        }
        int limit = q.limit() == null ? 50 : q.limit();
        if (limit < 1 || limit > MAX_PAGE) {
            return Future.failedFuture(MeshException.badRequest("limit must be 1.." + MAX_PAGE));
        }
        return s.issuance.history(limit, q.before())
            .map(list -> new IssuanceListReply(list.stream().map(EconomyViews::window).toList()));
    }

    private static String required(String value, String field) {
        if (value == null || !Accounts.validId(value)) {
            throw MeshException.badRequest(field + " is required (1..190 printable characters without spaces)");
        }
        return value;
    }

    private static <T> Future<T> attempt(Supplier<T> work) {
        try {
            return Future.succeededFuture(work.get());
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
    }
}
