package io.edgecoder.ledger.economy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Payment intents to buy credits with a recorded quote ({@link PgQuotes}), paid through a
 * {@link PaymentProvider}; the intent takes its amounts from the quote as recorded.
 * Settling verifies the provider's proof, moves the intent to {@code settled} (only from
 * {@code pending} and before it expires), then mints the credits from {@code mint} with the
 * idempotency key {@code intent:<id>}: repeated or interrupted settlements mint exactly once.
 */
public final class PaymentIntents {
    private static final String COLUMNS = "id, account, credits_milli, sats, quote_id, provider, status, provider_ref,"
        + " instructions, failure, mint_seq, created_at, expires_at";

    private final Pool pool;
    private final LedgerStore store;
    private final PgQuotes quotes;
    private final Map<String, PaymentProvider> providers;
    private final Clock clock;

    public PaymentIntents(Pool pool, LedgerStore store, PgQuotes quotes, Map<String, PaymentProvider> providers,
                          Clock clock) {
        this.pool = pool;
        this.store = store;
        this.quotes = quotes;
        this.providers = Map.copyOf(providers);
        this.clock = clock;
    }

    /** Creates an intent for a recorded buy quote and opens it with the provider (→ pending). */
    public Future<PaymentIntent> create(String user, Quote quote, String providerId) {
        if (!Accounts.validId(user)) {
            return Future.failedFuture(
                MeshException.badRequest("user must be 1..190 printable ASCII characters without spaces"));
        }
        return quotes.check(quote).compose(recorded -> create(user, recorded, providerId, providers.get(providerId)));
    }

    private Future<PaymentIntent> create(String user, Quote quote, String providerId, PaymentProvider provider) {
        if (!"buy".equals(quote.direction())) {
            return Future.failedFuture(MeshException.badRequest("a payment intent needs a 'buy' quote"));
        }
        if (provider == null) {
            return Future.failedFuture(MeshException.badRequest("unknown payment provider '" + providerId
                + "' (known: " + providers.keySet() + ")"));
        }
        String id = "pi_" + UUID.randomUUID();
        return insert(id, Accounts.user(user), quote, providerId)
            .compose(intent -> !intent.id().equals(id) || !"created".equals(intent.status())
                ? Future.succeededFuture(intent) : open(intent, provider));
    }

    private Future<PaymentIntent> insert(String id, String account, Quote quote, String providerId) {
        OffsetDateTime now = now();
        return pool.preparedQuery("INSERT INTO ledger_payment_intents (id, account, credits_milli, sats, quote_id,"
                + " provider, status, created_at, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'created', $7, $8, $7)"
                + " ON CONFLICT (quote_id) DO NOTHING")
            .execute(Tuple.of(id, account, quote.creditsMilli(), quote.sats(), quote.id(), providerId)
                .addOffsetDateTime(now).addOffsetDateTime(quote.expiresAt().atOffset(ZoneOffset.UTC)))
            .compose(v -> byQuote(quote.id()))
            .map(intent -> {
                if (!intent.account().equals(account)) {
                    throw new MeshException(ErrorCode.CONFLICT, "quote " + quote.id() + " was already used");
                }
                return intent;
            });
    }

    private Future<PaymentIntent> open(PaymentIntent intent, PaymentProvider provider) {
        return provider.open(intent.id(), intent.sats(), intent.creditsMilli())
            .compose(opened -> pool.preparedQuery("UPDATE ledger_payment_intents SET status = 'pending', provider_ref = $2,"
                    + " instructions = $3, updated_at = $4 WHERE id = $1 AND status = 'created'")
                .execute(Tuple.of(intent.id(), opened.providerRef(), opened.instructions(), now())))
            .compose(v -> get(intent.id()));
    }

    /** Settles a pending intent with the provider's proof and mints its credits exactly once. */
    public Future<PaymentIntent> settle(String id, String proof) {
        return get(id).compose(intent -> {
            if ("settled".equals(intent.status())) {
                return ensureMinted(intent);
            }
            if (!"pending".equals(intent.status())) {
                return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "intent " + id + " is " + intent.status()));
            }
            PaymentProvider provider = providers.get(intent.provider());
            if (provider == null) {
                // opened by a ledger node configured with another provider; one that has it can settle
                return Future.failedFuture(MeshException.unavailable("payment provider '" + intent.provider()
                    + "' of intent " + id + " is not configured on this ledger node"));
            }
            if (!provider.verify(intent.providerRef(), proof)) {
                return Future.failedFuture(MeshException.policy("payment proof for intent " + id + " does not verify"));
            }
            return markSettled(intent).compose(this::ensureMinted);
        });
    }

    private Future<PaymentIntent> markSettled(PaymentIntent intent) {
        return pool.preparedQuery("UPDATE ledger_payment_intents SET status = 'settled', updated_at = $2"
                + " WHERE id = $1 AND status = 'pending' AND expires_at > $2")
            .execute(Tuple.of(intent.id(), now()))
            .compose(v -> get(intent.id()))
            .map(now -> {
                if (!"settled".equals(now.status())) {
                    throw new MeshException(ErrorCode.CONFLICT, "intent " + intent.id() + " expired before it was paid");
                }
                return now;
            });
    }

    private Future<PaymentIntent> ensureMinted(PaymentIntent intent) {
        if (intent.mintSeq() != null) {
            return Future.succeededFuture(intent);
        }
        EntryDraft mint = new EntryDraft(EntryKind.MINT, Accounts.MINT, intent.account(), intent.creditsMilli(),
            "intent:" + intent.id(), "intent:" + intent.id());
        return store.append(mint)
            .compose(entry -> pool.preparedQuery("UPDATE ledger_payment_intents SET mint_seq = $2 WHERE id = $1")
                .execute(Tuple.of(intent.id(), entry.seq())))
            .compose(v -> get(intent.id()));
    }

    /** Marks an open intent failed (the provider reported a failed payment). */
    public Future<PaymentIntent> fail(String id, String reason) {
        return pool.preparedQuery("UPDATE ledger_payment_intents SET status = 'failed', failure = $2, updated_at = $3"
                + " WHERE id = $1 AND status IN ('created', 'pending')")
            .execute(Tuple.of(id, reason, now()))
            .compose(v -> get(id));
    }

    /** Moves every open intent past its expiry to {@code expired}; answers how many. */
    public Future<Integer> expireDue() {
        return pool.preparedQuery("UPDATE ledger_payment_intents SET status = 'expired', updated_at = $1"
                + " WHERE status IN ('created', 'pending') AND expires_at <= $1")
            .execute(Tuple.of(now())).map(RowSet::rowCount);
    }

    public Future<PaymentIntent> get(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_payment_intents WHERE id = $1")
            .execute(Tuple.of(id)).map(rows -> {
                if (rows.size() == 0) {
                    throw MeshException.notFound("no payment intent " + id);
                }
                return intent(rows.iterator().next());
            });
    }

    private Future<PaymentIntent> byQuote(String quoteId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_payment_intents WHERE quote_id = $1")
            .execute(Tuple.of(quoteId)).map(rows -> intent(rows.iterator().next()));
    }

    private static PaymentIntent intent(Row r) {
        return new PaymentIntent(r.getString("id"), r.getString("account"), r.getLong("credits_milli"),
            r.getLong("sats"), r.getString("quote_id"), r.getString("provider"), r.getString("status"),
            r.getString("provider_ref"), r.getString("instructions"), r.getString("failure"), r.getLong("mint_seq"),
            r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("expires_at").toInstant());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
