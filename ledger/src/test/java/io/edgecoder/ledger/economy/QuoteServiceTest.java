package io.edgecoder.ledger.economy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class QuoteServiceTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final NodeIdentity identity = NodeIdentity.ephemeral();
    // 1 credit = 0.01 USD, BTC at 100,000 USD: 1 credit = 10 sats
    private final QuoteService quotes = new QuoteService(identity, clock, () -> 100_000, 10_000, Duration.ofMinutes(5));

    private static void assertRefused(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void quoteConvertsCreditsToSatsAtTheBtcPrice() {
        Quote q = quotes.issue("buy", 5_000);
        assertThat(q.sats()).isEqualTo(50);
        assertThat(q.expiresAt()).isEqualTo(Instant.parse("2025-03-01T12:05:00Z"));
        assertThat(quotes.check(q)).isEqualTo(q);
    }

    @Test
    void buyingRoundsUpAndSellingRoundsDown() {
        assertThat(quotes.issue("buy", 1).sats()).isEqualTo(1);   // 0.01 sat
        assertThat(quotes.issue("sell", 1).sats()).isZero();
    }

    @Test
    void expiredQuoteIsRefused() {
        Quote q = quotes.issue("buy", 5_000);
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertRefused(() -> quotes.check(q), ErrorCode.POLICY_REJECTED);
    }

    @Test
    void alteredQuoteIsRefused() {
        Quote q = quotes.issue("buy", 5_000);
        Quote cheaper = new Quote(q.id(), q.direction(), q.creditsMilli(), q.sats() - 1, q.usdPerBtc(),
            q.creditUsdMicro(), q.createdAt(), q.expiresAt(), q.signerKey(), q.signature());
        Quote later = new Quote(q.id(), q.direction(), q.creditsMilli(), q.sats(), q.usdPerBtc(), q.creditUsdMicro(),
            q.createdAt(), q.expiresAt().plusSeconds(3600), q.signerKey(), q.signature());
        assertRefused(() -> quotes.check(cheaper), ErrorCode.BAD_REQUEST);
        assertRefused(() -> quotes.check(later), ErrorCode.BAD_REQUEST);
    }

    @Test
    void quoteFromAnotherLedgerIsRefused() {
        Quote foreign = new QuoteService(NodeIdentity.ephemeral(), clock, () -> 100_000, 10_000, Duration.ofMinutes(5))
            .issue("buy", 5_000);
        assertRefused(() -> quotes.check(foreign), ErrorCode.BAD_REQUEST);
    }

    @Test
    void badRequestsAndMissingPriceAreRefused() {
        assertRefused(() -> quotes.issue("steal", 5), ErrorCode.BAD_REQUEST);
        assertRefused(() -> quotes.issue("buy", 0), ErrorCode.BAD_REQUEST);
        QuoteService unpriced = new QuoteService(identity, clock, () -> 0, 10_000, Duration.ofMinutes(5));
        assertRefused(() -> unpriced.issue("buy", 5), ErrorCode.UNAVAILABLE);
    }
}
