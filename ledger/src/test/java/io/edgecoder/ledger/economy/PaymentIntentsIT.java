package io.edgecoder.ledger.economy;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.ledger.CreditPolicy;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.core.testing.MutableClock;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PaymentIntentsIT {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
    private final Map<String, byte[]> preimages = new HashMap<>();
    private Pool pool;
    private PgLedgerStore store;
    private QuoteService signer;
    private PgQuotes quotes;
    private PaymentIntents intents;

    /** Stands in for an external Lightning node: real preimages and payment hashes, no network. */
    private Future<LightningProvider.Invoice> invoice(long sats, String memo, Duration expiry) {
        byte[] preimage = new byte[32];
        new SecureRandom().nextBytes(preimage);
        byte[] hash = io.edgecoder.ledger.ChainHash.digest(preimage);
        preimages.put(HexFormat.of().formatHex(hash), preimage);
        return Future.succeededFuture(new LightningProvider.Invoice("lnbc" + sats + "n1fake" + memo.hashCode(), hash));
    }

    @BeforeEach
    void setUp(Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 4);
        store = new PgLedgerStore(vertx, pool, new CreditPolicy(0), PgLedgerStore.Tuning.DEFAULT);
        signer = new QuoteService(NodeIdentity.ephemeral(), clock, () -> 100_000, 10_000, Duration.ofMinutes(10));
        quotes = new PgQuotes(pool, signer, clock);
        intents = new PaymentIntents(pool, store, quotes, Map.of(ManualProvider.ID, new ManualProvider(),
            LightningProvider.ID, new LightningProvider(this::invoice, Duration.ofMinutes(10))), clock);
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private PaymentIntent manualIntent() {
        return await(intents.create("alice", quote("buy", 50_000), ManualProvider.ID));
    }

    private Quote quote(String direction, long creditsMilli) {
        return await(quotes.issue(direction, creditsMilli));
    }

    private static ErrorCode code(Future<?> f) {
        return ((MeshException) failure(f)).code();
    }

    @Test
    void manualIntentIsPendingUntilTheOperatorConfirmsThenMintsOnce() {
        PaymentIntent intent = manualIntent();
        assertThat(intent.status()).isEqualTo("pending");
        assertThat(intent.sats()).isEqualTo(500);
        assertThat(intent.instructions()).contains(intent.id());
        assertThat(await(store.balances())).doesNotContainKey("user:alice");

        PaymentIntent settled = await(intents.settle(intent.id(), "received 500 sats for " + intent.id()));
        PaymentIntent again = await(intents.settle(intent.id(), "received 500 sats for " + intent.id()));

        assertThat(settled.status()).isEqualTo("settled");
        assertThat(again.mintSeq()).isEqualTo(settled.mintSeq()).isNotNull();
        assertThat(await(store.balances())).containsEntry("user:alice", 50_000L).containsEntry("mint", -50_000L);
    }

    @Test
    void concurrentSettlementsMintExactlyOnce() {
        PaymentIntent intent = manualIntent();
        String proof = "ok " + intent.id();
        List<Future<PaymentIntent>> all = List.of(intents.settle(intent.id(), proof), intents.settle(intent.id(), proof),
            intents.settle(intent.id(), proof), intents.settle(intent.id(), proof));
        assertThat(await(Future.all(all)).<PaymentIntent>list()).extracting(PaymentIntent::mintSeq).containsOnly(
            await(intents.get(intent.id())).mintSeq());
        assertThat(await(store.balances())).containsEntry("user:alice", 50_000L);
        assertThat(await(store.verify()).entries()).isEqualTo(1);
    }

    @Test
    void interruptedSettlementMintsWhenRetried() {
        PaymentIntent intent = manualIntent();
        await(pool.query("UPDATE ledger_payment_intents SET status = 'settled' WHERE id = '" + intent.id() + "'").execute());
        assertThat(await(intents.settle(intent.id(), "anything")).mintSeq()).isNotNull();
        assertThat(await(store.balances())).containsEntry("user:alice", 50_000L);
    }

    @Test
    void lightningIntentSettlesOnlyWithThePreimage() {
        PaymentIntent intent = await(intents.create("bob", quote("buy", 10_000), LightningProvider.ID));
        assertThat(intent.instructions()).startsWith("lnbc100n1");
        assertThat(code(intents.settle(intent.id(), "00".repeat(32)))).isEqualTo(ErrorCode.POLICY_REJECTED);
        String preimage = HexFormat.of().formatHex(preimages.get(intent.providerRef()));
        assertThat(await(intents.settle(intent.id(), preimage)).status()).isEqualTo("settled");
        assertThat(await(store.balances())).containsEntry("user:bob", 10_000L);
    }

    @Test
    void intentOfAProviderThisNodeLacksIsUnavailableNotACrash() {
        PaymentIntent intent = await(intents.create("bob", quote("buy", 10_000), LightningProvider.ID));
        PaymentIntents manualOnly = new PaymentIntents(pool, store, quotes, Map.of(ManualProvider.ID,
            new ManualProvider()), clock);
        Throwable refusal = failure(manualOnly.settle(intent.id(), "00".repeat(32)));
        assertThat(refusal).isInstanceOf(MeshException.class).hasMessageContaining("lightning");
        assertThat(((MeshException) refusal).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(await(intents.get(intent.id())).status()).isEqualTo("pending");
    }

    @Test
    void wrongProofIsRefusedAndMintsNothing() {
        PaymentIntent intent = manualIntent();
        assertThat(code(intents.settle(intent.id(), "I paid, trust me"))).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(await(intents.get(intent.id())).status()).isEqualTo("pending");
        assertThat(await(store.balances())).isEmpty();
    }

    @Test
    void expiredOrAlteredQuotesAreRefused() {
        Quote quote = quote("buy", 5_000);
        Quote altered = new Quote(quote.id(), "buy", 5_000_000, quote.sats(), quote.usdPerBtc(), quote.creditUsdMicro(),
            quote.createdAt(), quote.expiresAt(), quote.signerKey(), quote.signature());
        assertThat(code(intents.create("alice", altered, ManualProvider.ID))).isEqualTo(ErrorCode.BAD_REQUEST);
        clock.advance(Duration.ofMinutes(10));
        assertThat(code(intents.create("alice", quote, ManualProvider.ID))).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(code(intents.create("alice", quote("sell", 5), ManualProvider.ID))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(intents.create("alice", quote("buy", 5), "paypal"))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void sameQuoteTwiceIsOneIntent() {
        Quote quote = quote("buy", 5_000);
        PaymentIntent first = await(intents.create("alice", quote, ManualProvider.ID));
        assertThat(await(intents.create("alice", quote, ManualProvider.ID)).id()).isEqualTo(first.id());
        assertThat(code(intents.create("mallory", quote, ManualProvider.ID))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void intentsExpireAndFailedOrExpiredIntentsCannotSettle() {
        PaymentIntent late = manualIntent();
        PaymentIntent failed = manualIntent();
        await(intents.fail(failed.id(), "provider reported a failed payment"));
        clock.advance(Duration.ofMinutes(11));
        assertThat(code(intents.settle(late.id(), "paid " + late.id()))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(await(intents.expireDue())).isEqualTo(1);
        assertThat(await(intents.get(late.id())).status()).isEqualTo("expired");
        assertThat(await(intents.get(failed.id())).status()).isEqualTo("failed");
        assertThat(code(intents.settle(failed.id(), "paid " + failed.id()))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(await(store.balances())).isEmpty();
        assertThat(code(intents.get("pi_nope"))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void quoteNeverRecordedIsRefusedThoughThisNodeSignedIt() {
        Quote unrecorded = signer.issue("buy", 5_000);
        assertThat(code(intents.create("alice", unrecorded, ManualProvider.ID))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(await(store.balances())).isEmpty();
    }

    @Test
    void expiredQuotesNoIntentUsedAreForgottenAfterADay() {
        Quote used = quote("buy", 5_000);
        await(intents.create("alice", used, ManualProvider.ID));
        Quote unused = quote("buy", 5_000);
        clock.advance(Duration.ofMinutes(10).plus(PgQuotes.KEEP_EXPIRED).minusSeconds(1));
        assertThat(await(quotes.forgetExpired())).isZero();
        assertThat(code(intents.create("bob", unused, ManualProvider.ID))).isEqualTo(ErrorCode.POLICY_REJECTED);

        clock.advance(Duration.ofSeconds(2));
        assertThat(await(quotes.forgetExpired())).isEqualTo(1);
        assertThat(code(intents.create("bob", unused, ManualProvider.ID))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(quotes.check(used))).as("kept: an intent used it").isEqualTo(ErrorCode.POLICY_REJECTED);
    }
}
