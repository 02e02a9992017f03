package io.edgecoder.ledger.economy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.ledger.ChainHash;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Issues and checks signed credit ↔ sats quotes. One credit is worth {@code creditUsdMicro}
 * micro-USD; the BTC price (USD per BTC) comes from the operator's setting or a feed. So
 * sats = credits_milli × credit_usd_micro / (10 × usd_per_btc), rounded up when the caller buys
 * credits and down when it sells them. Issuing is pure (sign with this node's key); the quote
 * counts once {@link PgQuotes} has recorded it, and {@link #check} judges a presented quote
 * against that record: not recorded or altered (400), expired (422).
 */
public final class QuoteService {
    private final NodeIdentity identity;
    private final Clock clock;
    private final LongSupplier usdPerBtc;
    private final long creditUsdMicro;
    private final Duration validity;

    public QuoteService(NodeIdentity identity, Clock clock, LongSupplier usdPerBtc, long creditUsdMicro, Duration validity) {
        if (creditUsdMicro < 1 || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("credit value and quote validity must be positive");
        }
        this.identity = identity;
        this.clock = clock;
        this.usdPerBtc = usdPerBtc;
        this.creditUsdMicro = creditUsdMicro;
        this.validity = validity;
    }

    public Quote issue(String direction, long creditsMilli) {
        if (!"buy".equals(direction) && !"sell".equals(direction)) {
            throw MeshException.badRequest("direction must be 'buy' or 'sell'");
        }
        if (creditsMilli < 1 || creditsMilli > 1_000_000_000_000L) {
            throw MeshException.badRequest("creditsMilli must be within 1..10^12, got " + creditsMilli);
        }
        long btc = usdPerBtc.getAsLong();
        if (btc < 1) {
            throw MeshException.unavailable("no BTC price is set (ledger.btc.usd) and no feed answered");
        }
        Instant now = ChainHash.truncate(clock.instant());
        Quote unsigned = new Quote(UUID.randomUUID().toString(), direction, creditsMilli,
            sats(creditsMilli, btc, "buy".equals(direction)), btc, creditUsdMicro, now, now.plus(validity),
            identity.publicKeyBase64(), new byte[0]);
        return unsigned.signedWith(identity.publicKeyBase64(), identity.sign(unsigned.signedBytes()));
    }

    private long sats(long creditsMilli, long btc, boolean roundUp) {
        BigInteger[] qr = BigInteger.valueOf(creditsMilli).multiply(BigInteger.valueOf(creditUsdMicro))
            .divideAndRemainder(BigInteger.valueOf(btc).multiply(BigInteger.TEN));
        long sats = qr[0].longValueExact();
        return roundUp && qr[1].signum() > 0 ? sats + 1 : sats;
    }

    /**
     * Passes when {@code presented} is the quote recorded under its id when a ledger node of this
     * deployment issued it (every field, the signer key and the signature alike; whichever node
     * signed it), that signature verifies, and it has not expired; otherwise throws 400 or 422.
     *
     * @param recorded the quote recorded under the presented one's id, or null when there is none
     * @return the recorded quote
     */
    public Quote check(Quote presented, Quote recorded) {
        if (recorded == null || !recorded.sameAs(presented) || !recorded.signatureValid()) {
            throw MeshException.badRequest("quote is altered or was not issued by this deployment's ledger");
        }
        if (!clock.instant().isBefore(recorded.expiresAt())) {
            throw new MeshException(ErrorCode.POLICY_REJECTED, "quote " + recorded.id() + " expired at "
                + recorded.expiresAt());
        }
        return recorded;
    }
}
