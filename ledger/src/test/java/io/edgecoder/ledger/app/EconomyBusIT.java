package io.edgecoder.ledger.app;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.ConsistencyProofReply;
import io.edgecoder.core.message.ConsistencyProofRequest;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.InclusionProofReply;
import io.edgecoder.core.message.InclusionProofRequest;
import io.edgecoder.core.message.IntentCreateRequest;
import io.edgecoder.core.message.IntentSettleRequest;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.IssuanceListReply;
import io.edgecoder.core.message.IssuanceListRequest;
import io.edgecoder.core.message.JobHoldReply;
import io.edgecoder.core.message.JobHoldRequest;
import io.edgecoder.core.message.LoadReport;
import io.edgecoder.core.message.PriceReply;
import io.edgecoder.core.message.PriceRequest;
import io.edgecoder.core.message.QuoteRequest;
import io.edgecoder.core.message.QuoteView;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.merkle.Merkle;
import io.edgecoder.ledger.merkle.MerkleProofs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The economy's bus API against a deployed ledger role with a strict economy (no default credit). */
@ExtendWith(VertxExtension.class)
class EconomyBusIT {
    private static final HexFormat HEX = HexFormat.of();
    private BusClient bus;

    @BeforeEach
    void deploy(Vertx vertx) {
        Map<String, String> settings = Map.of(EconomyConfig.USER_CREDIT_LINE, "0", EconomyConfig.BTC_USD, "100000",
            EconomyConfig.FEE_BPS, "1000", EconomyConfig.ISSUANCE_ENABLED, "false",
            LedgerConfig.CHECKPOINT_ENTRIES, "2", LedgerConfig.CHECKPOINT_INTERVAL_MS, "3600000");
        LedgerConfig config = LedgerConfig.from(Settings.of(settings), LedgerTesting.migratedDatabase(vertx),
            NodeIdentity.ephemeral());
        await(vertx.deployVerticle(new LedgerVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
    }

    private <T> T call(String address, Object body, Class<T> type) {
        return await(bus.request(address, body, type));
    }

    private MeshException refused(String address, Object body) {
        return (MeshException) failure(bus.request(address, body, Object.class));
    }

    /** Alice buys 50 credits through a quote and a manually confirmed payment intent. */
    private void aliceBuysCredits() {
        QuoteView quote = call(EconomyAddresses.QUOTE_CREATE, new QuoteRequest("buy", 50_000), QuoteView.class);
        assertThat(quote.sats()).isEqualTo(500);
        IntentView intent = call(EconomyAddresses.INTENT_CREATE, new IntentCreateRequest("alice", quote, "manual"),
            IntentView.class);
        assertThat(intent.status()).isEqualTo("pending");
        IntentView settled = call(EconomyAddresses.INTENT_SETTLE,
            new IntentSettleRequest(intent.id(), "received for " + intent.id()), IntentView.class);
        assertThat(settled.status()).isEqualTo("settled");
    }

    @Test
    void boughtCreditsPayForAHeldJobAndTheBooksBalance() {
        aliceBuysCredits();
        JobHoldReply hold = call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j1", "alice", 10_000), JobHoldReply.class);
        assertThat(hold.priceMilli()).isEqualTo(1000);
        SettleJobReply settled = call(LedgerAddresses.JOB_SETTLE, new SettleJobRequest("j1", "alice", true,
            List.of(new Contribution("a1", "w1", 4000))), SettleJobReply.class);
        assertThat(settled.chargedMilli()).isEqualTo(4000);
        Map<String, Long> balances = call(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class).balances();
        assertThat(balances).containsEntry("user:alice", 46_000L).containsEntry("node:w1", 3600L)
            .containsEntry("fees", 400L).containsEntry("hold:j1", 0L).containsEntry("mint", -50_000L);
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void holdWithoutCreditsIsRefusedByPolicy() {
        MeshException e = refused(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j1", "bob", 1));
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(e.getMessage()).contains("insufficient credits");
    }

    @Test
    void historyIsPagedOldestFirst() {
        aliceBuysCredits();
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j1", "alice", 1000), JobHoldReply.class);
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j2", "alice", 1000), JobHoldReply.class);
        AccountHistoryReply first = call(EconomyAddresses.ACCOUNT_HISTORY,
            new AccountHistoryRequest("user:alice", 2, null), AccountHistoryReply.class);
        assertThat(first.entries()).extracting(EntryView::kind).containsExactly("mint", "hold");
        AccountHistoryReply rest = call(EconomyAddresses.ACCOUNT_HISTORY,
            new AccountHistoryRequest("user:alice", 2, first.nextAfterSeq()), AccountHistoryReply.class);
        assertThat(rest.entries()).extracting(EntryView::reference).containsExactly("job:j2");
        assertThat(rest.nextAfterSeq()).isNull();
        assertThat(refused(EconomyAddresses.ACCOUNT_HISTORY, new AccountHistoryRequest("user:alice", 0, null)).code())
            .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void loadReportsMoveThePrice() {
        assertThat(call(EconomyAddresses.PRICE_GET, new PriceRequest(), PriceReply.class).priceMilli()).isEqualTo(1000);
        bus.send(EconomyAddresses.LOAD_REPORT, new LoadReport(40, 10));
        LedgerTesting.eventually(() -> call(EconomyAddresses.PRICE_GET, new PriceRequest(), PriceReply.class)
            .priceMilli() > 1000, 5);
        PriceReply price = call(EconomyAddresses.PRICE_GET, new PriceRequest(), PriceReply.class);
        assertThat(price.load()).isEqualTo(4.0);
        assertThat(price.maxMilli()).isEqualTo(4000);
    }

    @Test
    void alteredQuoteIsRefused() {
        QuoteView q = call(EconomyAddresses.QUOTE_CREATE, new QuoteRequest("buy", 50_000), QuoteView.class);
        QuoteView altered = new QuoteView(q.id(), q.direction(), 5_000_000, q.sats(), q.usdPerBtc(), q.creditUsdMicro(),
            q.createdAt(), q.expiresAt(), q.signerKey(), q.signature());
        assertThat(refused(EconomyAddresses.INTENT_CREATE, new IntentCreateRequest("alice", altered, "manual")).code())
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused(EconomyAddresses.QUOTE_CREATE, new QuoteRequest("buy", -1)).getMessage())
            .contains("creditsMilli");
    }

    @Test
    void checkpointsAndProofsVerifyOverTheBus() {
        aliceBuysCredits();
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j1", "alice", 1000), JobHoldReply.class);
        LedgerTesting.eventually(() -> checkpoints().size() == 1, 10);
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j2", "alice", 1000), JobHoldReply.class);
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j3", "alice", 1000), JobHoldReply.class);
        LedgerTesting.eventually(() -> checkpoints().size() == 2, 10);

        var cps = checkpoints();
        InclusionProofReply inclusion = call(EconomyAddresses.PROOF_INCLUSION, new InclusionProofRequest(1, 2L),
            InclusionProofReply.class);
        assertThat(inclusion.root()).isEqualTo(cps.get(1).root());
        assertThat(MerkleProofs.verifyInclusion(0, inclusion.treeSize(), Merkle.leafHash(HEX.parseHex(inclusion.entryHash())),
            inclusion.path().stream().map(HEX::parseHex).toList(), HEX.parseHex(cps.get(1).root()))).isTrue();
        ConsistencyProofReply consistency = call(EconomyAddresses.PROOF_CONSISTENCY, new ConsistencyProofRequest(1, 2),
            ConsistencyProofReply.class);
        assertThat(MerkleProofs.verifyConsistency(consistency.fromSize(), consistency.toSize(),
            HEX.parseHex(cps.get(0).root()), HEX.parseHex(cps.get(1).root()),
            consistency.path().stream().map(HEX::parseHex).toList())).isTrue();
        assertThat(refused(EconomyAddresses.PROOF_INCLUSION, new InclusionProofRequest(99, null)).code())
            .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused(EconomyAddresses.PROOF_INCLUSION, new InclusionProofRequest(0, null)).code())
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(call(EconomyAddresses.ISSUANCE_LIST, new IssuanceListRequest(10, null), IssuanceListReply.class)
            .windows()).isEmpty();
    }

    private List<io.edgecoder.core.message.CheckpointView> checkpoints() {
        return call(EconomyAddresses.CHECKPOINT_LIST, new CheckpointListRequest(), CheckpointListReply.class)
            .checkpoints();
    }
}
