package io.edgecoder.ledger.impl;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PgLedgerStoreIT {
    private String url;
    private Pool pool;
    private PgLedgerStore store;

    @BeforeEach
    void setUp(Vertx vertx) {
        url = LedgerTesting.migratedDatabase(vertx);
        pool = LedgerTesting.pool(vertx, url, 4);
        store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private static EntryDraft draft(String key, long amount) {
        return new EntryDraft(EntryKind.EARN, "user:u", "node:w", amount, "job:j", key);
    }

    @Test
    void appendsGetContiguousSequencesAndMoveBalances() {
        List<LedgerEntry> first = await(store.append(List.of(draft("a", 5), draft("b", 7))));
        LedgerEntry third = await(store.append(draft("c", 1)));
        assertThat(first).extracting(LedgerEntry::seq).containsExactly(1L, 2L);
        assertThat(third.seq()).isEqualTo(3);
        assertThat(third.prevHash()).isEqualTo(first.get(1).hash());
        assertThat(await(store.balances())).containsEntry("user:u", -13L).containsEntry("node:w", 13L);
        assertThat(await(store.verify()).ok()).isTrue();
    }

    @Test
    void sameKeyTwiceYieldsOneEntryAndTheSameAnswer() {
        LedgerEntry once = await(store.append(draft("a", 5)));
        LedgerEntry twice = await(store.append(draft("a", 5)));
        assertThat(twice.seq()).isEqualTo(once.seq());
        assertThat(twice.hash()).isEqualTo(once.hash());
        assertThat(twice.at()).isEqualTo(once.at());
        assertThat(await(store.balances())).containsEntry("node:w", 5L);
        assertThat(await(store.entriesByReference("job:j"))).hasSize(1);
    }

    @Test
    void reusedKeyWithOtherContentIsRefusedWithConflictAndWritesNothing() {
        await(store.append(draft("a", 5)));
        Throwable refused = failure(store.append(List.of(draft("b", 1), draft("a", 6))));
        assertThat(refused).isInstanceOfSatisfying(MeshException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT)).hasMessageContaining("'a'");
        assertThat(await(store.entriesByReference("job:j"))).hasSize(1);
        assertThat(await(store.verify()).entries()).isEqualTo(1);
    }

    @Test
    void databaseRefusesUpdatesAndDeletesOfEntries() {
        await(store.append(draft("a", 5)));
        Throwable update = failure(pool.query("UPDATE ledger_entries SET amount_milli = 1").execute());
        Throwable delete = failure(pool.query("DELETE FROM ledger_entries").execute());
        assertThat(update).hasMessageContaining("append-only");
        assertThat(delete).hasMessageContaining("append-only");
    }

    @Test
    void concurrentAppendsAreGroupedIntoFewTransactions(Vertx vertx) {
        AtomicLong ticks = new AtomicLong();
        Clock perBatch = new Clock() {
            @Override
            public Instant instant() {
                return Instant.parse("2025-01-01T00:00:00Z").plusSeconds(ticks.incrementAndGet());
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        PgLedgerStore grouped = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT, perBatch);
        List<Future<LedgerEntry>> appends = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            appends.add(grouped.append(draft("k" + i, 1)));
        }
        await(Future.all(appends));
        long batches = ticks.get();
        assertThat(batches).isLessThanOrEqualTo(200).isGreaterThanOrEqualTo(2);
        assertThat(await(store.verify())).satisfies(v -> assertThat(v.ok()).isTrue())
            .satisfies(v -> assertThat(v.entries()).isEqualTo(2000));
    }

    @Test
    void twoNodesSharingTheDatabaseBuildOneChainWithoutDuplicates() {
        Vertx other = Vertx.vertx();
        Pool otherPool = LedgerTesting.pool(other, url, 4);
        try {
            PgLedgerStore second = new PgLedgerStore(other, otherPool, BalanceRule.ALLOW_ALL,
                new PgLedgerStore.Tuning(50, 100_000, 0, 1000));
            List<Future<LedgerEntry>> appends = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                appends.add(store.append(draft("k" + i, 1 + i % 7)));
                appends.add(second.append(draft("k" + i, 1 + i % 7)));
            }
            List<LedgerEntry> results = await(Future.all(appends)).list();
            for (int i = 0; i < results.size(); i += 2) {
                assertThat(results.get(i).seq()).isEqualTo(results.get(i + 1).seq());
            }
            assertThat(await(store.verify())).satisfies(v -> assertThat(v.ok()).as(v.message()).isTrue())
                .satisfies(v -> assertThat(v.entries()).isEqualTo(1000));
        } finally {
            await(otherPool.close());
            await(other.close());
        }
    }
}
