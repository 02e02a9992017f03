package io.edgecoder.ledger.inference;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.InferenceAllowanceCloseReply;
import io.edgecoder.core.message.InferenceAllowanceCloseRequest;
import io.edgecoder.core.message.InferenceAllowanceReply;
import io.edgecoder.core.message.InferenceAllowanceRequest;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.InferenceUsageReply;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.CreditPolicy;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Standing allowances on a real database with a strict economy (no credit line): alice holds 20 credits, bob none.
 * Allowances are at most 30 credits and live 60 s. "router" is the routing node the allowances are granted to; "n1"
 * serves the calls. A model of unknown size is medium (500 / 2500 milli-credits per 1000 prompt / completion tokens);
 * each call's prompt is 1000 characters in 2 messages (at most 516 tokens), so a call with {@code maxTokens} 200 may
 * cost up to 758 milli-credits, and 100 prompt and 20 generated tokens cost exactly 100.
 */
@ExtendWith(VertxExtension.class)
class InferenceAllowancesIT {
    private static final long MOST_200 = 758;
    private Pool pool;
    private PgLedgerStore store;
    private InferenceAllowances allowances;
    private InferenceSettlement inference;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 4);
        store = new PgLedgerStore(vertx, pool, new CreditPolicy(0), PgLedgerStore.Tuning.DEFAULT);
        allowances = new InferenceAllowances(store, pool, InferencePricing.DEFAULT, new AllowanceTerms(30_000, Duration.ofSeconds(60)),
            Clock.systemUTC());
        inference = new InferenceSettlement(store, pool, InferencePricing.DEFAULT, 0, node -> false, allowances);
        await(store.append(new EntryDraft(EntryKind.MINT, "mint", "user:alice", 20_000, "intent:seed", "seed")));
    }

    @AfterEach
    void theChainVerifiesAfterAllOfIt() {
        VerifyReply verify = await(store.verify());
        assertThat(verify.ok()).as(verify.message()).isTrue();
        assertThat(balances().values().stream().mapToLong(Long::longValue).sum()).isZero();
        await(pool.close());
    }

    private InferenceAllowanceReply grant(String id, String account, long amount, long min, String sender) {
        return await(allowances.grant(new InferenceAllowanceRequest(id, Actor.user(account), amount, min), sender));
    }

    private static InferenceAuthorizeRequest draw(String callId, String account, String allowanceId) {
        return new InferenceAuthorizeRequest(callId, "coder", 0, 1000, 2, 200, Actor.user(account), null, null, allowanceId);
    }

    private static InferenceUsageRequest served(String id, int prompt, int completion) {
        return new InferenceUsageRequest(id, true, "n1", "coder", "llama", prompt, completion, 1234, 80, null);
    }

    private Map<String, Long> balances() {
        return await(store.balances());
    }

    private static ErrorCode code(Future<?> future) {
        return ((MeshException) failure(future)).code();
    }

    @Test
    void aGrantEscrowsFromTheAccountForTheSendingNodeWithTheLedgersPricesAndRepeatsIdempotently() {
        InferenceAllowanceReply granted = grant("a1", "alice", 5000, 1000, "router");

        assertThat(granted.payer()).isEqualTo("user:alice");
        assertThat(granted.routedBy()).as("the routing node is the sender").isEqualTo("router");
        assertThat(granted.amountMilli()).isEqualTo(5000);
        assertThat(granted.prices()).isEqualTo(InferencePricing.DEFAULT.wire());
        assertThat(granted.expiresAt()).isAfter(Instant.now().plusSeconds(30));
        assertThat(balances()).containsEntry("user:alice", 15_000L).containsEntry("allowance:a1", 5000L);
        assertThat(grant("a1", "alice", 5000, 1000, "router")).isEqualTo(granted);
        assertThat(await(store.entriesByReference("allowance:a1"))).extracting(LedgerEntry::kind).containsExactly(EntryKind.HOLD);
        assertThat(code(allowances.grant(new InferenceAllowanceRequest("a1", Actor.user("alice"), 5000, 1000), "other")))
            .as("the same id from another node").isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void aGrantTakesLessWhenTheAccountCannotCoverTheAskAndIsRefusedWith402BelowTheLeastOfUse() {
        assertThat(grant("big", "alice", 100_000, 1000, "router").amountMilli()).as("the cap is 30,000; a quarter of it fits")
            .isEqualTo(7_500);

        MeshException refused = (MeshException) failure(allowances.grant(new InferenceAllowanceRequest("b1", Actor.user("bob"),
            5000, 1000), "router"));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED);
        assertThat(refused.getMessage()).startsWith("insufficient credits for an allowance of model calls: user:bob cannot cover even 1000 ");
        assertThat(balances()).doesNotContainKey("allowance:b1");
        await(store.append(new EntryDraft(EntryKind.MINT, "mint", "user:bob", 1000, "intent:bob", "seed-bob")));
        assertThat(grant("b1", "bob", 5000, 1000, "router").amountMilli()).as("the refused id may be used again").isEqualTo(1000);
    }

    @Test
    void callsDrawDownTheAllowanceAndPayTheServingNodeFromItWithTheirRowsRecorded() {
        grant("a1", "alice", 5000, 1000, "router");

        InferenceAuthorizeReply drawn = await(inference.authorize(draw("c1", "alice", "a1"), "router"));
        assertThat(drawn.payer()).isEqualTo("allowance:a1");
        assertThat(drawn.reservedMilli()).isEqualTo(MOST_200);
        assertThat(await(inference.authorize(draw("c1", "alice", "a1"), "router"))).as("a repeated draw").isEqualTo(drawn);
        assertThat(balances()).containsEntry("allowance:a1", 5000 - MOST_200).containsEntry("call:c1", MOST_200);
        InferenceUsageReply paid = await(inference.settle(served("c1", 100, 20), "n1"));

        assertThat(paid).isEqualTo(new InferenceUsageReply("c1", "paid", 100, "node:n1"));
        assertThat(await(inference.settle(served("c1", 900, 90), "n1"))).as("settled again").isEqualTo(paid);
        assertThat(balances()).containsEntry("allowance:a1", 4900L).containsEntry("node:n1", 100L).containsEntry("call:c1", 0L)
            .containsEntry("user:alice", 15_000L);
        assertThat(await(store.entriesByReference("inference:c1"))).extracting(LedgerEntry::kind, LedgerEntry::from, LedgerEntry::to)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.HOLD, "allowance:a1", "call:c1"),
                org.assertj.core.groups.Tuple.tuple(EntryKind.EARN, "call:c1", "node:n1"),
                org.assertj.core.groups.Tuple.tuple(EntryKind.RELEASE, "call:c1", "allowance:a1"));
        io.vertx.sqlclient.Row row = await(pool.query("SELECT allowance_id, charged_milli FROM ledger_inference_calls"
            + " WHERE call_id = 'c1'").execute()).iterator().next();
        assertThat(row.getString(0)).isEqualTo("a1");
        assertThat(row.getLong(1)).as("the call's row keeps its charge").isEqualTo(100);
    }

    /**
     * The model starts before its draw is written, so the serving node's report can come between the draw's row and its
     * escrow entry: the report writes that escrow itself (same entry, same key), pays from it, and the draw, finishing
     * late, finds its escrow written and the call settled.
     */
    @Test
    void aUsageReportThatOvertakesItsDrawsEscrowWritesThatEscrowOnceAndPays() {
        grant("a1", "alice", 5000, 1000, "router");
        PgInferenceCalls rows = new PgInferenceCalls(pool);
        InferencePricing.Price medium = InferencePricing.DEFAULT.price(InferencePricing.ModelClass.MEDIUM);
        await(rows.insertDrawn(new PgInferenceCalls.Call("c1", "alice", null, "allowance:a1", "allowance:a1", "coder", "medium",
            medium.promptMilli(), medium.completionMilli(), 1000, 2, MOST_200, MOST_200, "router", "reserved", null, 0, "a1")));

        InferenceUsageReply paid = await(inference.settle(served("c1", 100, 20), "n1"));

        assertThat(paid).isEqualTo(new InferenceUsageReply("c1", "paid", 100, "node:n1"));
        assertThat(code(inference.authorize(draw("c1", "alice", "a1"), "router"))).as("the late draw of a settled call")
            .isEqualTo(ErrorCode.CONFLICT);
        assertThat(balances()).containsEntry("allowance:a1", 4900L).containsEntry("node:n1", 100L).containsEntry("call:c1", 0L);
        assertThat(await(store.entriesByReference("inference:c1"))).extracting(LedgerEntry::kind)
            .containsExactly(EntryKind.HOLD, EntryKind.EARN, EntryKind.RELEASE);
    }

    @Test
    void onlyTheRoutingNodeTheAllowanceWasGrantedToMaySpendItAndOnlyForItsAccount() {
        grant("a1", "alice", 5000, 1000, "router");
        await(store.append(new EntryDraft(EntryKind.MINT, "mint", "user:bob", 1000, "intent:bob", "seed-bob")));
        Map<String, Long> before = balances();

        assertThat(code(inference.authorize(draw("c1", "alice", "a1"), "other-router"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(inference.authorize(draw("c2", "bob", "a1"), "router"))).as("bob's call on alice's allowance")
            .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(allowances.close(new InferenceAllowanceCloseRequest("a1"), "other-router"))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(code(inference.authorize(draw("c3", "alice", "never"), "router"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(balances()).isEqualTo(before);
        assertThat(await(pool.query("SELECT count(*) FROM ledger_inference_calls").execute()).iterator().next().getLong(0)).isZero();
    }

    @Test
    void aDrawBeyondWhatIsLeftIsCappedAtTheRestAndNothingIsLeftIsRefused() {
        grant("small", "alice", 1000, 500, "router");
        await(inference.authorize(draw("c1", "alice", "small"), "router"));

        InferenceAuthorizeReply capped = await(inference.authorize(draw("c2", "alice", "small"), "router"));
        MeshException spent = (MeshException) failure(inference.authorize(draw("c3", "alice", "small"), "router"));
        InferenceUsageReply overReported = await(inference.settle(served("c2", 1000, 1000), "n1")); // would cost 3000

        assertThat(capped.reservedMilli()).isEqualTo(1000 - MOST_200);
        assertThat(spent.code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED);
        assertThat(spent.getMessage()).contains("allowance small is spent");
        assertThat(overReported.chargedMilli()).as("never beyond the allowance").isEqualTo(1000 - MOST_200);
        await(inference.settle(served("c1", 100, 20), "n1"));
        assertThat(balances()).containsEntry("node:n1", 1000 - MOST_200 + 100).containsEntry("allowance:small", MOST_200 - 100)
            .containsEntry("user:alice", 19_000L);
    }

    @Test
    void drawsRacingForTheSameAllowanceNeverTakeMoreThanItHolds() {
        grant("race", "alice", 2000, 500, "router");
        List<Future<InferenceAuthorizeReply>> draws = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            draws.add(inference.authorize(draw("r" + i, "alice", "race"), "router"));
        }
        await(Future.join(draws).otherwiseEmpty());

        long escrowed = draws.stream().filter(Future::succeeded).mapToLong(f -> f.result().reservedMilli()).sum();
        assertThat(escrowed).isBetween(2 * MOST_200, 2000L);
        assertThat(draws).filteredOn(Future::failed).extracting(f -> ((MeshException) f.cause()).code())
            .containsOnly(ErrorCode.PAYMENT_REQUIRED);
        assertThat(balances()).containsEntry("allowance:race", 2000 - escrowed);
        for (int i = 0; i < 8; i++) {
            if (draws.get(i).succeeded()) {
                await(inference.settle(new InferenceUsageRequest("r" + i, false, null, "coder", null, 0, 0, 0, 0, 503), "router"));
            }
        }
        assertThat(balances()).containsEntry("allowance:race", 2000L);
    }

    @Test
    void anExpiredAllowanceReturnsItsRestOnceWhenItsCallsAreSettledAndTakesNoMoreDraws() {
        grant("a1", "alice", 5000, 1000, "router");
        await(inference.authorize(draw("c1", "alice", "a1"), "router"));
        Instant later = Instant.now().plusSeconds(120);

        assertThat(await(allowances.sweep(later))).as("c1 is still open").isZero();
        assertThat(balances()).containsEntry("allowance:a1", 5000 - MOST_200);
        assertThat(code(inference.authorize(draw("c2", "alice", "a1"), "router"))).as("expired: no new calls")
            .isEqualTo(ErrorCode.CONFLICT);
        await(inference.settle(served("c1", 100, 20), "n1"));
        assertThat(await(allowances.sweep(later))).isEqualTo(1);
        assertThat(await(allowances.sweep(later))).as("once").isZero();
        InferenceAllowanceCloseReply closed = await(allowances.close(new InferenceAllowanceCloseRequest("a1"), "router"));

        assertThat(closed).isEqualTo(new InferenceAllowanceCloseReply("a1", "closed", 100, 4900));
        assertThat(balances()).containsEntry("allowance:a1", 0L).containsEntry("user:alice", 19_900L).containsEntry("node:n1", 100L);
        assertThat(await(store.entriesByReference("allowance:a1"))).extracting(LedgerEntry::kind)
            .containsExactly(EntryKind.HOLD, EntryKind.RELEASE);
        assertThat(code(allowances.grant(new InferenceAllowanceRequest("a1", Actor.user("alice"), 5000, 1000), "router")))
            .as("a closed id is not granted again").isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void aClosedAllowanceReturnsItsRestToThePayerOnceAndAToppedUpOneCarriesOn() {
        grant("a1", "alice", 5000, 1000, "router");
        await(inference.authorize(draw("c1", "alice", "a1"), "router"));
        await(inference.settle(served("c1", 100, 20), "n1"));
        grant("a2", "alice", 5000, 1000, "router"); // the top-up: the next allowance, asked for ahead of need

        InferenceAllowanceCloseReply closed = await(allowances.close(new InferenceAllowanceCloseRequest("a1"), "router"));
        InferenceAllowanceCloseReply again = await(allowances.close(new InferenceAllowanceCloseRequest("a1"), "router"));
        await(inference.authorize(draw("c2", "alice", "a2"), "router"));
        await(inference.settle(served("c2", 100, 20), "n1"));

        assertThat(closed).isEqualTo(new InferenceAllowanceCloseReply("a1", "closed", 100, 4900));
        assertThat(again).isEqualTo(closed);
        assertThat(code(inference.authorize(draw("c3", "alice", "a1"), "router"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(balances()).containsEntry("allowance:a1", 0L).containsEntry("allowance:a2", 4900L)
            .containsEntry("user:alice", 20_000L - 100 - 5000).containsEntry("node:n1", 200L);
    }

    @Test
    void theAllowancesOfARoutingNodeThatLeftTakeNoMoreCallsAndTheSweepReturnsTheirRest() {
        grant("a1", "alice", 5000, 1000, "router");
        grant("a2", "alice", 3000, 1000, "survivor");

        assertThat(await(allowances.routerLeft("router"))).isEqualTo(1);
        assertThat(code(inference.authorize(draw("c1", "alice", "a1"), "router"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(await(allowances.sweep(Instant.now()))).isEqualTo(1);

        assertThat(balances()).containsEntry("allowance:a1", 0L).containsEntry("allowance:a2", 3000L)
            .containsEntry("user:alice", 17_000L);
    }

    @Test
    void badRequestsAreRefusedWith400AndWriteNothing() {
        assertThat(code(allowances.grant(new InferenceAllowanceRequest("has space", Actor.user("alice"), 5000, 100), "router")))
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(allowances.grant(new InferenceAllowanceRequest("a1", null, 5000, 100), "router"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(allowances.grant(new InferenceAllowanceRequest("a1", Actor.user("alice"), 100, 5000), "router")))
            .as("least of use above the ask").isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(allowances.grant(new InferenceAllowanceRequest("a1", Actor.user("alice"), 50_000, 40_000), "router")))
            .as("least of use above the cap").isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(allowances.grant(null, "router"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(allowances.close(new InferenceAllowanceCloseRequest(null), "router"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(inference.authorize(new InferenceAuthorizeRequest("c1", "coder", 0, 10, 1, 10, Actor.user("alice"), "job-1",
            null, "a1"), "router"))).as("a job's call names no allowance").isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(balances()).containsOnlyKeys("mint", "user:alice");
    }
}
