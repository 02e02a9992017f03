package io.edgecoder.ledger.inference;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.InferenceUsageReply;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.CreditPolicy;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.edgecoder.ledger.impl.SettlementService;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Model calls settled on a real database with a strict economy (no credit line): alice holds 20 credits. Prices are the
 * defaults; a model of unknown size is medium (500 / 2500 milli-credits per 1000 prompt / completion tokens).
 */
@ExtendWith(VertxExtension.class)
class InferenceSettlementIT {
    private Pool pool;
    private PgLedgerStore store;
    private InferenceSettlement inference;
    private SettlementService jobs;

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 4);
        store = new PgLedgerStore(vertx, pool, new CreditPolicy(0), PgLedgerStore.Tuning.DEFAULT);
        inference = new InferenceSettlement(store, pool, InferencePricing.DEFAULT, 0, node -> false);
        jobs = new SettlementService(store, pool, 1000, 0, () -> 1000);
        await(store.append(new EntryDraft(EntryKind.MINT, "mint", "user:alice", 20_000, "intent:seed", "seed")));
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private static InferenceAuthorizeRequest call(String id, Integer maxTokens, String jobId) {
        return new InferenceAuthorizeRequest(id, "coder", 0, 1000, 2, maxTokens, Actor.user("alice"), jobId);
    }

    private static InferenceUsageRequest served(String id, int prompt, int completion) {
        return new InferenceUsageRequest(id, true, "n1", "coder", "llama", prompt, completion, 1234, 80, null);
    }

    private static InferenceUsageRequest failed(String id) {
        return new InferenceUsageRequest(id, false, null, "coder", null, 0, 0, 0, 0, 503);
    }

    private Map<String, Long> balances() {
        return await(store.balances());
    }

    private List<LedgerEntry> entries(String reference) {
        return await(store.entriesByReference(reference));
    }

    private static long escrowOf(int maxTokens) {
        return InferencePricing.DEFAULT.price(InferencePricing.ModelClass.MEDIUM).cost(InferencePricing.promptBound(1000, 2), maxTokens);
    }

    @Test
    void aServedCallPaysItsPricedUsageToTheServingNodeAndReturnsTheRestOfTheEscrow() {
        InferenceAuthorizeReply escrow = await(inference.authorize(call("c1", 200, null), "router"));
        assertThat(escrow).isEqualTo(new InferenceAuthorizeReply("c1", "user:alice", "medium", 500, 2500, escrowOf(200)));
        assertThat(balances()).containsEntry("user:alice", 20_000 - escrowOf(200)).containsEntry("call:c1", escrowOf(200));

        InferenceUsageReply paid = await(inference.settle(served("c1", 100, 20), "n1"));

        assertThat(paid).isEqualTo(new InferenceUsageReply("c1", "paid", 100, "node:n1")); // 100 × 0.5 + 20 × 2.5
        assertThat(balances()).containsEntry("user:alice", 19_900L).containsEntry("node:n1", 100L).containsEntry("call:c1", 0L);
        assertThat(entries("inference:c1")).extracting(LedgerEntry::kind)
            .containsExactly(EntryKind.HOLD, EntryKind.EARN, EntryKind.RELEASE);
        assertThat(await(store.verify()).ok()).isTrue();
    }

    @Test
    void aClassPinnedByTheRoutingNodeWinsOverTheAdvertisedSizeAndAnUnknownClassIsRefused() {
        long fortyGib = 40L * 1024 * 1024 * 1024;
        InferenceAuthorizeReply pinned = await(inference.authorize(new InferenceAuthorizeRequest("c1", "coder", fortyGib, 1000, 2, 200,
            Actor.user("alice"), null, "small"), "router"));
        InferenceAuthorizeReply sized = await(inference.authorize(new InferenceAuthorizeRequest("c2", "coder", fortyGib, 1000, 2, 200,
            Actor.user("alice"), null, null), "router"));
        MeshException unknown = (MeshException) failure(inference.authorize(new InferenceAuthorizeRequest("c3", "coder", 0, 1000, 2, 200,
            Actor.user("alice"), null, "huge"), "router"));

        assertThat(pinned.modelClass()).isEqualTo("small");
        assertThat(pinned.promptPriceMilli()).isEqualTo(200);
        assertThat(sized.modelClass()).as("40 GiB advertised, nothing pinned").isEqualTo("large");
        assertThat(unknown.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(unknown.getMessage()).startsWith("modelClass must be small, medium or large");
    }

    @Test
    void settlingACallAgainPaysNothingMoreAndAnswersTheSame() {
        await(inference.authorize(call("c1", 200, null), "router"));
        InferenceUsageReply first = await(inference.settle(served("c1", 100, 20), "n1"));
        Map<String, Long> after = balances();

        assertThat(await(inference.settle(served("c1", 100, 20), "n1"))).isEqualTo(first);
        assertThat(await(inference.settle(served("c1", 900, 90), "n1"))).isEqualTo(first);
        assertThat(await(inference.settle(failed("c1"), "router"))).isEqualTo(first);
        assertThat(balances()).isEqualTo(after);
        assertThat(entries("inference:c1")).hasSize(3);
    }

    @Test
    void aRetryOfAPaidCallIsRefusedBeforeAnyModelIsCalled() {
        await(inference.authorize(call("c1", 200, null), "router"));
        assertThat(await(inference.authorize(call("c1", 200, null), "router")).reservedMilli()).as("the same escrow while open")
            .isEqualTo(escrowOf(200));
        await(inference.settle(served("c1", 100, 20), "n1"));
        Map<String, Long> after = balances();

        MeshException again = (MeshException) failure(inference.authorize(call("c1", 200, null), "router"));

        assertThat(again.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(again.getMessage()).contains("already settled (paid)");
        assertThat(balances()).isEqualTo(after);
    }

    @Test
    void aFailedCallCostsNothingAndALateServedReportDoesNotPayIt() {
        await(inference.authorize(call("c1", 200, null), "router"));

        InferenceUsageReply released = await(inference.settle(failed("c1"), "router"));
        InferenceUsageReply late = await(inference.settle(served("c1", 100, 20), "n1"));

        assertThat(released).isEqualTo(new InferenceUsageReply("c1", "released", 0, null));
        assertThat(late).isEqualTo(released);
        assertThat(balances()).containsEntry("user:alice", 20_000L).containsEntry("call:c1", 0L).doesNotContainKey("node:n1");
    }

    @Test
    void aPayerWhoCannotCoverTheEscrowIsRefusedWith402AndNothingIsWritten() {
        MeshException refused = (MeshException) failure(inference.authorize(call("big", 100_000, null), "router"));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED);
        assertThat(refused.getMessage()).startsWith("insufficient credits for this model call: it may cost up to "
            + escrowOf(100_000) + " milli-credits (model class medium)");
        assertThat(balances()).containsEntry("user:alice", 20_000L).doesNotContainKey("call:big");
        assertThat(await(inference.authorize(call("big", 100, null), "router")).reservedMilli()).as("the id may be used again")
            .isEqualTo(escrowOf(100));
    }

    @Test
    void onlyTheServingNodeItselfMayReportACall() {
        await(inference.authorize(call("c1", 200, null), "router"));

        MeshException forged = (MeshException) failure(inference.settle(served("c1", 100, 20), "router"));

        assertThat(forged.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(((MeshException) failure(inference.settle(served("nope", 1, 1), "n1"))).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((MeshException) failure(inference.authorize(call("has space", 1, null), "router"))).code())
            .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void aJobsCallIsPaidFromItsHoldAndTheJobsSettlementReleasesOnlyWhatIsLeft() {
        await(jobs.hold("j1", "alice", 5000));
        InferenceAuthorizeReply escrow = await(inference.authorize(call("c1", 200, "j1"), "router"));
        assertThat(escrow.payer()).isEqualTo("hold:j1");
        await(inference.settle(served("c1", 100, 20), "n1"));
        assertThat(balances()).containsEntry("hold:j1", 5000 - escrowOf(200)).containsEntry("node:n1", 100L);

        SettleJobReply settled = await(jobs.settle(new SettleJobRequest("j1", "alice", true, List.of(new Contribution("a1", "w1", 1000)))));

        assertThat(balances()).containsEntry("hold:j1", 0L).containsEntry("node:w1", 1000L).containsEntry("node:n1", 100L)
            .containsEntry("user:alice", 20_000L - 1000 - 100);
        assertThat(settled.chargedMilli()).as("the job's charge includes its model time").isEqualTo(1100);
        assertThat(await(jobs.settle(new SettleJobRequest("j1", "alice", true, List.of(new Contribution("a1", "w1", 1000))))))
            .as("settling the job again").isEqualTo(settled);
        assertThat(await(store.verify()).ok()).isTrue();
    }

    @Test
    void whatAJobsHoldCannotCoverIsToppedUpFromTheRequesterAndTheCallAfterTheJobEndedToo() {
        await(jobs.hold("j1", "alice", 500));
        InferenceAuthorizeReply escrow = await(inference.authorize(call("c1", 200, "j1"), "router"));
        assertThat(balances()).containsEntry("hold:j1", 0L).containsEntry("user:alice", 20_000 - 500 - (escrowOf(200) - 500));
        await(inference.settle(served("c1", 100, 20), "n1"));
        await(jobs.settle(new SettleJobRequest("j1", "alice", true, List.of(new Contribution("a1", "w1", 500)))));

        assertThat(escrow.reservedMilli()).isEqualTo(escrowOf(200));
        assertThat(balances()).containsEntry("hold:j1", 0L).containsEntry("node:n1", 100L).containsEntry("node:w1", 500L)
            .containsEntry("user:alice", 20_000L - 100 - 500);
        assertThat(balances().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void aJobsSecondCallTakesWhatIsLeftOfItsHoldAndTheRequesterTopsUpTheRest() {
        await(jobs.hold("j2", "alice", 1000));
        await(inference.authorize(call("c1", 100, "j2"), "router")); // 508 × 0.5 + 100 × 2.5 = 504
        await(inference.settle(served("c1", 100, 20), "n1"));
        await(inference.authorize(call("c2", 200, "j2"), "router")); // 758: 496 from the hold, 262 topped up

        assertThat(balances()).containsEntry("hold:j2", 0L).containsEntry("call:c2", escrowOf(200));
        assertThat(await(store.history("hold:j2", 0, 50))).filteredOn(e -> e.to().startsWith("call:"))
            .extracting(LedgerEntry::amountMilli).containsExactly(escrowOf(100), 1000 - escrowOf(100));
    }

    @Test
    void theSweepReturnsEscrowsOfCallsThatNeverReportedBack() {
        await(inference.authorize(call("lost", 200, null), "router"));
        assertThat(await(inference.sweep(Instant.now().minusSeconds(60)))).as("too young to sweep").isZero();

        assertThat(await(inference.sweep(Instant.now().plusSeconds(1)))).isEqualTo(1);

        assertThat(balances()).containsEntry("user:alice", 20_000L).containsEntry("call:lost", 0L);
        assertThat(await(inference.settle(served("lost", 1, 1), "n1")).state()).isEqualTo("released");
        VerifyReply verify = await(store.verify());
        assertThat(verify.ok()).as(verify.message()).isTrue();
    }

    /**
     * A ledger that stopped after writing a call's payment and before recording it on the call's row: the sweep's release
     * then meets the payment's key. The row is completed from the chain (paid, to whom, how much), nothing moves twice.
     */
    @Test
    void aPaymentWrittenButNotRecordedBeforeAStopIsCompletedFromTheChainBySweepAndReport() {
        await(inference.authorize(call("torn", 200, null), "router"));
        assertThat(await(inference.settle(served("torn", 100, 20), "n1")).chargedMilli()).isEqualTo(100);
        Map<String, Long> settled = balances();
        await(pool.query("UPDATE ledger_inference_calls SET state = 'reserved', payee = NULL, charged_milli = 0,"
            + " closed_at = NULL WHERE call_id = 'torn'").execute());

        assertThat(await(inference.sweep(Instant.now().plusSeconds(1)))).as("the torn call is swept").isEqualTo(1);

        assertThat(await(inference.settle(served("torn", 100, 20), "n1")))
            .isEqualTo(new InferenceUsageReply("torn", "paid", 100, "node:n1"));
        assertThat(balances()).as("nothing moved again").isEqualTo(settled);
        assertThat(await(inference.sweep(Instant.now().plusSeconds(1)))).as("nothing left open").isZero();
        VerifyReply verify = await(store.verify());
        assertThat(verify.ok()).as(verify.message()).isTrue();
    }
}
