package io.edgecoder.ledger.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuoteServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final NodeIdentity identity = NodeIdentity.ephemeral();
    // 1 credit = 0.01 USD, BTC at 100,000 USD: 1 credit = 10 sats
    private final QuoteService quotes = quoteService(identity);

    private QuoteService quoteService(NodeIdentity signer) {
        return new QuoteService(signer, clock, () -> 100_000, 10_000, Duration.ofMinutes(5));
    }

    private static void assertRefused(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void quoteConvertsCreditsToSatsAtTheBtcPrice() {
        Quote q = quotes.issue("buy", 5_000);
        assertThat(q.sats()).isEqualTo(50);
        assertThat(q.expiresAt()).isEqualTo(Instant.parse("2025-03-01T12:05:00Z"));
        assertThat(quotes.check(q, q)).isEqualTo(q);
    }

    @Test
    void buyingRoundsUpAndSellingRoundsDown() {
        assertThat(quotes.issue("buy", 1).sats()).isEqualTo(1);   // 0.01 sat
        assertThat(quotes.issue("sell", 1).sats()).isZero();
    }

    @Test
    void expiredQuoteIsRefused() {
        Quote q = quotes.issue("buy", 5_000);
        clock.advance(Duration.ofMinutes(5));
        assertRefused(() -> quotes.check(q, q), ErrorCode.POLICY_REJECTED);
    }

    @Test
    void alteredQuoteIsRefused() {
        Quote q = quotes.issue("buy", 5_000);
        Quote cheaper = new Quote(q.id(), q.direction(), q.creditsMilli(), q.sats() - 1, q.usdPerBtc(),
            q.creditUsdMicro(), q.createdAt(), q.expiresAt(), q.signerKey(), q.signature());
        Quote later = new Quote(q.id(), q.direction(), q.creditsMilli(), q.sats(), q.usdPerBtc(), q.creditUsdMicro(),
            q.createdAt(), q.expiresAt().plusSeconds(3600), q.signerKey(), q.signature());
        assertRefused(() -> quotes.check(cheaper, q), ErrorCode.BAD_REQUEST);
        assertRefused(() -> quotes.check(later, q), ErrorCode.BAD_REQUEST);
    }

    @Test
    void quoteFromAnotherLedgerIsRefused() {
        Quote foreign = quoteService(NodeIdentity.ephemeral()).issue("buy", 5_000);
        Quote recorded = quotes.issue("buy", 5_000);
        NodeIdentity outsider = NodeIdentity.ephemeral();
        Quote resigned = recorded.signedWith(outsider.publicKeyBase64(), outsider.sign(recorded.signedBytes()));
        assertRefused(() -> quotes.check(foreign, null), ErrorCode.BAD_REQUEST);
        assertRefused(() -> quotes.check(resigned, recorded), ErrorCode.BAD_REQUEST);
    }

    @Test
    void recordedQuoteSignedByAnotherNodeOfTheDeploymentIsAccepted() {
        Quote fromOtherNode = quoteService(NodeIdentity.ephemeral()).issue("buy", 5_000);
        assertThat(quotes.check(fromOtherNode, fromOtherNode)).isEqualTo(fromOtherNode);
    }

    @Test
    void recordWhoseSignatureNoLongerVerifiesIsRefused() {
        Quote q = quotes.issue("buy", 5_000);
        Quote rewritten = new Quote(q.id(), q.direction(), q.creditsMilli(), 1, q.usdPerBtc(), q.creditUsdMicro(),
            q.createdAt(), q.expiresAt(), q.signerKey(), q.signature());
        assertRefused(() -> quotes.check(rewritten, rewritten), ErrorCode.BAD_REQUEST);
    }

    @Test
    void badRequestsAndMissingPriceAreRefused() {
        assertRefused(() -> quotes.issue("steal", 5), ErrorCode.BAD_REQUEST);
        assertRefused(() -> quotes.issue("buy", 0), ErrorCode.BAD_REQUEST);
        QuoteService unpriced = new QuoteService(identity, clock, () -> 0, 10_000, Duration.ofMinutes(5));
        assertRefused(() -> unpriced.issue("buy", 5), ErrorCode.UNAVAILABLE);
    }
}
