package io.edgecoder.ledger.impl;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.ledger.CreditPolicy;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Holds, fees, releases and credit lines on a real database, with no default credit for users. */
@ExtendWith(VertxExtension.class)
class SettlementIT {
    private final AtomicLong price = new AtomicLong(1000);
    private Pool pool;
    private PgLedgerStore store;
    private SettlementService settlement;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 4);
        store = new PgLedgerStore(vertx, pool, new CreditPolicy(0), PgLedgerStore.Tuning.DEFAULT);
        settlement = new SettlementService(store, pool, 1000, 1000, price::get); // 10 % fee
        await(store.append(new EntryDraft(EntryKind.MINT, "mint", "user:alice", 20_000, "intent:seed", "seed")));
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private SettleJobReply settle(String job, boolean verified, Contribution... work) {
        return await(settlement.settle(new SettleJobRequest(job, "alice", verified, List.of(work))));
    }

    private Map<String, Long> balances() {
        return await(store.balances());
    }

    private static MeshException meshFailure(io.vertx.core.Future<?> f) {
        return (MeshException) failure(f);
    }

    @Test
    void holdThenSettlePaysWorkersTakesTheFeeAndReleasesTheRest() {
        await(settlement.hold("j1", "alice", 10_000));
        assertThat(balances()).containsEntry("user:alice", 10_000L).containsEntry("hold:j1", 10_000L);

        SettleJobReply reply = settle("j1", true, new Contribution("a1", "w1", 3000), new Contribution("a2", "w2", 2000));

        assertThat(reply).isEqualTo(new SettleJobReply("j1", 5000, 6, java.util.Map.of("a1", 3000L, "a2", 2000L))); // hold, 2 earn, 2 fee, release
        assertThat(balances()).containsEntry("user:alice", 15_000L).containsEntry("hold:j1", 0L)
            .containsEntry("node:w1", 2700L).containsEntry("node:w2", 1800L).containsEntry("fees", 500L);
        assertThat(balances().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void settlingAgainChangesNothingAndAnswersTheSame() {
        await(settlement.hold("j1", "alice", 10_000));
        SettleJobReply first = settle("j1", true, new Contribution("a1", "w1", 3000));
        Map<String, Long> after = balances();
        assertThat(settle("j1", true, new Contribution("a1", "w1", 3000))).isEqualTo(first);
        await(settlement.hold("j1", "alice", 10_000));
        assertThat(balances()).isEqualTo(after);
        assertThat(await(store.verify()).entries()).isEqualTo(1 + 4); // seed + hold, earn, fee, release
    }

    @Test
    void useBeyondTheBudgetTopsTheHoldUpFromTheRequester() {
        await(settlement.hold("j1", "alice", 1000));
        settle("j1", true, new Contribution("a1", "w1", 2500));
        assertThat(balances()).containsEntry("user:alice", 17_500L).containsEntry("hold:j1", 0L)
            .containsEntry("node:w1", 2250L).containsEntry("fees", 250L);
    }

    @Test
    void unverifiedJobReleasesItsWholeHold() {
        await(settlement.hold("j1", "alice", 4000));
        SettleJobReply reply = settle("j1", false, new Contribution("a1", "w1", 3000));
        assertThat(reply.chargedMilli()).isZero();
        assertThat(balances()).containsEntry("user:alice", 20_000L).containsEntry("hold:j1", 0L)
            .doesNotContainKey("node:w1");
    }

    @Test
    void priceIsFixedWhenTheHoldIsPlaced() {
        price.set(2000);
        await(settlement.hold("j1", "alice", 10_000));
        price.set(500);
        assertThat(settle("j1", true, new Contribution("a1", "w1", 1000)).chargedMilli()).isEqualTo(2000);
    }

    @Test
    void holdBeyondTheBalanceIsRefusedAndWritesNothing() {
        MeshException e = meshFailure(settlement.hold("j1", "alice", 20_001));
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(e.getMessage()).contains("insufficient credits").contains("user:alice");
        assertThat(balances()).containsEntry("user:alice", 20_000L).doesNotContainKey("hold:j1");
    }

    @Test
    void storedCreditLineLetsAnAccountGoBelowZeroUpToTheLine() {
        await(pool.query("INSERT INTO ledger_credit_lines (account, limit_milli) VALUES ('user:bob', 3000)").execute());
        await(settlement.settle(new SettleJobRequest("jb", "bob", true, List.of(new Contribution("b1", "w1", 3000)))));
        assertThat(balances()).containsEntry("user:bob", -3000L);
        MeshException e = meshFailure(settlement.settle(
            new SettleJobRequest("jb2", "bob", true, List.of(new Contribution("b2", "w1", 1)))));
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
    }

    @Test
    void workersAndSystemAccountsCannotGoNegativeButSourcesCan() {
        assertThat(meshFailure(store.append(new EntryDraft(EntryKind.ADJUST, "node:w9", "user:x", 1, "adj", "adj1"))).code())
            .isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(meshFailure(store.append(new EntryDraft(EntryKind.ADJUST, "reserve", "user:x", 1, "adj", "adj2"))).code())
            .isEqualTo(ErrorCode.POLICY_REJECTED);
        await(store.append(new EntryDraft(EntryKind.ISSUANCE, "issuance", "node:w9", 5, "window:1", "iss1")));
        assertThat(balances()).containsEntry("issuance", -5L).containsEntry("mint", -20_000L);
    }

    @Test
    void holdForAnotherRequesterIsAConflict() {
        await(settlement.hold("j1", "alice", 1000));
        MeshException e = meshFailure(settlement.settle(
            new SettleJobRequest("j1", "mallory", true, List.of(new Contribution("m1", "w1", 10)))));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void badHoldsAreRefusedNamingTheField() {
        assertThat(meshFailure(settlement.hold("j1", "alice", 0)).getMessage()).isEqualTo("budgetMilli must be > 0, got 0");
        assertThat(meshFailure(settlement.hold(null, "alice", 5)).getMessage()).isEqualTo("jobId is required");
    }
}
