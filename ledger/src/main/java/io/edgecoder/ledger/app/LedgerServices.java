package io.edgecoder.ledger.app;

import io.edgecoder.ledger.CreditPolicy;
import io.edgecoder.ledger.economy.DynamicPrice;
import io.edgecoder.ledger.economy.ManualProvider;
import io.edgecoder.ledger.economy.PaymentIntents;
import io.edgecoder.ledger.economy.PaymentProvider;
import io.edgecoder.ledger.economy.PgIssuance;
import io.edgecoder.ledger.economy.PgQuotes;
import io.edgecoder.ledger.economy.QuoteService;
import io.edgecoder.ledger.impl.PgAnchors;
import io.edgecoder.ledger.inference.InferenceSettlement;
import io.edgecoder.ledger.impl.PgCheckpoints;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.edgecoder.ledger.impl.PgProofs;
import io.edgecoder.ledger.impl.SettlementService;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The ledger role's services, built from its config on one pool. Wiring only. */
final class LedgerServices {
    final PgLedgerStore store;
    final DynamicPrice price;
    final SettlementService settlement;
    final PgCheckpoints checkpoints;
    final PgAnchors anchors;
    final PgProofs proofs;
    final PgQuotes quotes;
    final PaymentIntents intents;
    final PgIssuance issuance;
    final InferenceSettlement inference;
    final io.edgecoder.ledger.inference.InferenceAllowances allowances;

    LedgerServices(Vertx vertx, Pool pool, LedgerConfig config, Clock clock) {
        EconomyConfig economy = config.economy();
        store = new PgLedgerStore(vertx, pool, new CreditPolicy(economy.userCreditLineMilli()), config.tuning(), clock,
            trustedSigners(config));
        price = new DynamicPrice(economy.price());
        java.util.function.Predicate<String> barred =
            workerId -> io.edgecoder.core.policy.NodePolicy.of(vertx).barred(workerId, null, null, null).isPresent();
        settlement = new SettlementService(store, pool, config.priceCpuSecondMilli(), economy.feeBps(), price::current, barred);
        allowances = new io.edgecoder.ledger.inference.InferenceAllowances(store, pool, config.inference(), config.allowances(), clock);
        inference = new InferenceSettlement(store, pool, config.inference(), economy.feeBps(), barred, allowances);
        checkpoints = new PgCheckpoints(vertx, pool, config.identity(), clock);
        anchors = new PgAnchors(pool, clock);
        proofs = new PgProofs(vertx, pool);
        quotes = new PgQuotes(pool, new QuoteService(config.identity(), clock, economy::btcUsd,
            economy.creditUsdMicro(), economy.quoteValidity()), clock);
        Map<String, PaymentProvider> providers = Map.of(ManualProvider.ID, new ManualProvider());
        intents = new PaymentIntents(pool, store, quotes, providers, clock);
        issuance = economy.issuance() == null ? null
            : new PgIssuance(pool, store, economy.issuance(), clock, Duration.ofSeconds(5));
    }

    /** The node's own checkpoint key and the deployment's configured ones. */
    static Set<String> trustedSigners(LedgerConfig config) {
        Set<String> keys = new HashSet<>(config.checkpoints().trustedKeys());
        keys.add(config.identity().publicKeyBase64());
        return keys;
    }
}
