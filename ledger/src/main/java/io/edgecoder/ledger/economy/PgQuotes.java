package io.edgecoder.ledger.economy;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Quotes recorded in the ledger's database ({@code ledger_quotes}), so that every ledger node on
 * that database accepts a quote any of them issued, and nothing else: not a quote changed in
 * any field, not one re-signed or made up by a key outside the deployment, not one from another
 * deployment. The database is the trust anchor here as it is for the books, so adding a ledger
 * node needs no key distribution, and a leaked node key cannot make a quote on its own.
 */
public final class PgQuotes {
    /** How long an expired quote no intent used is kept, so that it is refused as expired (422), not unknown (400). */
    public static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private static final String COLUMNS = "id, direction, credits_milli, sats, usd_per_btc, credit_usd_micro,"
        + " created_at, expires_at, signer_key, signature";

    private final Pool pool;
    private final QuoteService quotes;
    private final Clock clock;

    public PgQuotes(Pool pool, QuoteService quotes, Clock clock) {
        this.pool = pool;
        this.quotes = quotes;
        this.clock = clock;
    }

    /** Issues a quote signed by this node and records it; it is valid from when the record is written. */
    public Future<Quote> issue(String direction, long creditsMilli) {
        Quote quote;
        try {
            quote = quotes.issue(direction, creditsMilli);
        } catch (MeshException e) {
            return Future.failedFuture(e);
        }
        return pool.preparedQuery("INSERT INTO ledger_quotes (" + COLUMNS + ")"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .execute(Tuple.of(quote.id(), quote.direction(), quote.creditsMilli(), quote.sats(), quote.usdPerBtc(),
                quote.creditUsdMicro(), utc(quote.createdAt()), utc(quote.expiresAt()), quote.signerKey(),
                Buffer.buffer(quote.signature())))
            .map(quote);
    }

    /** The recorded quote when {@code presented} is it, unaltered and unexpired; otherwise fails with 400 or 422. */
    public Future<Quote> check(Quote presented) {
        if (presented == null || presented.id() == null) {
            return Future.failedFuture(MeshException.badRequest("quote is required"));
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_quotes WHERE id = $1")
            .execute(Tuple.of(presented.id()))
            .map(rows -> quotes.check(presented, rows.size() == 0 ? null : quote(rows.iterator().next())));
    }

    /** Forgets quotes expired for longer than {@link #KEEP_EXPIRED} that no payment intent used; answers how many. */
    public Future<Integer> forgetExpired() {
        return pool.preparedQuery("DELETE FROM ledger_quotes q WHERE q.expires_at < $1"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_payment_intents i WHERE i.quote_id = q.id)")
            .execute(Tuple.of(utc(clock.instant().minus(KEEP_EXPIRED))))
            .map(RowSet::rowCount);
    }

    private static Quote quote(Row r) {
        return new Quote(r.getString("id"), r.getString("direction"), r.getLong("credits_milli"), r.getLong("sats"),
            r.getLong("usd_per_btc"), r.getLong("credit_usd_micro"), r.getOffsetDateTime("created_at").toInstant(),
            r.getOffsetDateTime("expires_at").toInstant(), r.getString("signer_key"), r.getBuffer("signature").getBytes());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
