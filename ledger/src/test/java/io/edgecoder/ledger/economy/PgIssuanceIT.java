package io.edgecoder.ledger.economy;

import static io.edgecoder.ledger.LedgerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.core.testing.MutableClock;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PgIssuanceIT {
    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);
    private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
    private Pool pool;
    private PgLedgerStore store;
    private PgIssuance issuance;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 4);
        store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT, clock);
        issuance = new PgIssuance(pool, store, IssuanceCalculatorTest.P, clock, GRACE);
        earn("a", 750_000, "e1");
        earn("b", 250_000, "e2");
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private void earn(String node, long amount, String key) {
        await(store.append(new EntryDraft(EntryKind.EARN, "user:u", "node:" + node, amount, "job:x", key)));
    }

    private Map<String, Long> balances() {
        return await(store.balances());
    }

    @Test
    void windowPaysContributorsInProportionAndRecordsItself() {
        clock.set(T0.plus(Duration.ofMinutes(10)).plus(GRACE));
        IssuanceCalculator.Window w = await(issuance.recalculate()).orElseThrow();
        assertThat(w.end()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(w.issuedMilli()).isEqualTo(10_000);
        assertThat(balances()).containsEntry("node:a", 750_000L + 6000).containsEntry("node:b", 250_000L + 2000)
            .containsEntry("coordinators", 1000L).containsEntry("reserve", 1000L).containsEntry("issuance", -10_000L);
        assertThat(await(issuance.latest())).get().satisfies(stored -> {
            assertThat(stored.contributors()).isEqualTo(2);
            assertThat(stored.dailyMilli()).isEqualTo(1_440_000);
        });
    }

    @Test
    void recalculatingTheSameWindowOnTwoNodesIssuesOnce(Vertx vertx) {
        clock.set(T0.plus(Duration.ofMinutes(10)).plus(GRACE));
        PgIssuance other = new PgIssuance(pool, store, IssuanceCalculatorTest.P, clock, GRACE);
        await(Future.all(issuance.recalculate(), other.recalculate(), issuance.recalculate()));
        assertThat(balances()).containsEntry("issuance", -10_000L);
        assertThat(await(store.verify()).ok()).isTrue();
    }

    @Test
    void windowIsReplayableFromTheLedgerAlone() {
        clock.set(T0.plus(Duration.ofMinutes(10)).plus(GRACE));
        IssuanceCalculator.Window w = await(issuance.recalculate()).orElseThrow();
        List<LedgerEntry> stored = await(store.entriesByReference(IssuanceCalculator.reference(w.end())));
        IssuanceCalculator.Window replay = await(issuance.compute(w.end(), null));
        assertThat(replay.drafts()).extracting(EntryDraft::to, EntryDraft::amountMilli, EntryDraft::idempotencyKey)
            .containsExactlyElementsOf(stored.stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.to(), e.amountMilli(), e.idempotencyKey())).toList());
    }

    @Test
    void missedWindowsAreCaughtUpInOrderWithSmoothing() {
        clock.set(T0.plus(Duration.ofMinutes(10)).plus(GRACE));
        await(issuance.recalculate());
        clock.advance(Duration.ofMinutes(30));
        await(issuance.recalculate());
        List<IssuanceCalculator.Window> history = await(issuance.history(10, null));
        assertThat(history).extracting(IssuanceCalculator.Window::end).containsExactly(
            T0.plus(Duration.ofMinutes(40)), T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(20)),
            T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void contributionRollsOffAfterTheWindow() {
        clock.set(T0.plus(Duration.ofMinutes(10)).plus(GRACE));
        await(issuance.recalculate());
        long before = balances().get("node:a");
        clock.advance(Duration.ofHours(25));
        IssuanceCalculator.Window late = await(issuance.recalculate()).orElseThrow();
        assertThat(late.contributors()).isZero();
        assertThat(balances().get("node:a")).isEqualTo(before);
        assertThat(late.dailyMilli()).isLessThan(1_440_000); // no load: the pool moves towards its minimum
    }
}
