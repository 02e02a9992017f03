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
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.IntentCreateRequest;
import io.edgecoder.core.message.IntentView;
import io.edgecoder.core.message.QuoteRequest;
import io.edgecoder.core.message.QuoteView;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.economy.Quote;
import io.edgecoder.ledger.economy.QuoteService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes, each running the ledger role on one shared database; a third, ledger-less
 * node sends the requests, which the bus spreads over both ledgers. The quote tests stop the
 * ledger that issued a quote, so that the other one must judge it.
 */
class LedgerClusterIT {
    private static final String REFUSED_QUOTE = "quote is altered or was not issued by this deployment's ledger";
    private static final List<LedgerConfig> ledgers = new ArrayList<>();
    private static final List<String> deployments = new ArrayList<>();
    private static List<Vertx> nodes;
    private static String url;
    private static BusClient client;
    private static BusClient probe;

    @BeforeAll
    static void cluster() throws Exception {
        nodes = TestClusters.start(3);
        url = LedgerTesting.migratedDatabase(nodes.get(0));
        // Two ledger nodes share one ledger: each checkpoints it, so each lists both signers as trusted
        // (ledger.checkpoint.trusted.keys), as an operator running several ledger nodes does.
        List<NodeIdentity> identities = List.of(NodeIdentity.ephemeral(), NodeIdentity.ephemeral());
        Settings settings = Settings.of(Map.of(EconomyConfig.ISSUANCE_ENABLED, "false", EconomyConfig.BTC_USD, "100000",
            LedgerConfig.CHECKPOINT_TRUSTED_KEYS, identities.get(0).publicKeyBase64() + "," + identities.get(1).publicKeyBase64()));
        for (int i = 0; i < 2; i++) {
            ledgers.add(LedgerConfig.from(settings, url, identities.get(i)));
            deployments.add(deploy(i));
        }
        client = new BusClient(nodes.get(2), Duration.ofSeconds(30));
        probe = new BusClient(nodes.get(2), Duration.ofSeconds(2));
    }

    private static String deploy(int ledger) {
        return await(nodes.get(ledger).deployVerticle(new LedgerVerticle(ledgers.get(ledger))));
    }

    @AfterAll
    static void stop() throws Exception {
        TestClusters.closeAll(nodes);
    }

    @Test
    void badRequestKeepsItsCodeAndMessageAcrossTheCluster() {
        Throwable t = failure(client.request(LedgerAddresses.JOB_SETTLE,
            new SettleJobRequest("cj", "bob", true, List.of(new Contribution("ca", "w", -5))), SettleJobReply.class));
        assertThat(t).isInstanceOfSatisfying(MeshException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(t.getMessage()).isEqualTo("contributions[0].cpuMs must be >= 0, got -5");
    }

    @Test
    void thousandConcurrentSettlementsWithRetriedDuplicatesKeepExactBooks() {
        Random random = new Random(42);
        List<SettleJobRequest> jobs = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        Map<String, SettleJobReply> expectedReplies = new HashMap<>();
        int contributions = 0;
        for (int i = 0; i < 1000; i++) {
            SettleJobRequest job = randomJob(i, random);
            jobs.add(job);
            long charged = 0;
            Map<String, Long> charges = new java.util.HashMap<>();
            for (Contribution c : job.contributions()) {
                long amount = Math.max(1, c.cpuMs());
                charged += amount;
                charges.put(c.attemptId(), amount);
                expected.merge("user:" + job.requester(), -amount, Long::sum);
                expected.merge("node:" + c.workerId(), amount, Long::sum);
            }
            contributions += job.contributions().size();
            expectedReplies.put(job.jobId(), new SettleJobReply(job.jobId(), charged, job.contributions().size(), charges));
        }

        List<Future<SettleJobReply>> sent = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            sent.add(settle(jobs.get(i)));
            if (i % 3 == 0) {
                sent.add(settle(jobs.get(i))); // a retry racing the original
            }
        }
        List<SettleJobReply> replies = await(Future.all(sent)).list();
        List<SettleJobReply> late = await(Future.all(jobs.subList(0, 200).stream().map(this::settle).toList())).list();

        for (SettleJobReply reply : replies) {
            assertThat(reply).isEqualTo(expectedReplies.get(reply.jobId()));
        }
        late.forEach(reply -> assertThat(reply).isEqualTo(expectedReplies.get(reply.jobId())));
        Map<String, Long> balances = await(client.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(),
            BalancesReply.class)).balances();
        assertThat(balances).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isZero();
        VerifyReply verify = await(client.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class));
        assertThat(verify.ok()).as(verify.message()).isTrue();
        assertThat(verify.entries()).isEqualTo(contributions);
        assertThat(distinctKeys()).isEqualTo(contributions);
    }

    private Future<SettleJobReply> settle(SettleJobRequest job) {
        return client.request(LedgerAddresses.JOB_SETTLE, job, SettleJobReply.class);
    }

    private static SettleJobRequest randomJob(int i, Random random) {
        List<Contribution> list = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            list.add(new Contribution("att-" + i + "-" + k, "w" + random.nextInt(10), random.nextInt(5000)));
        }
        return new SettleJobRequest("job-" + i, "u" + random.nextInt(20), true, list);
    }

    private static long distinctKeys() {
        Pool pool = LedgerTesting.pool(nodes.get(2), url, 1);
        try {
            return await(pool.query("SELECT count(DISTINCT idempotency_key) FROM ledger_entries").execute())
                .iterator().next().getLong(0);
        } finally {
            await(pool.close());
        }
    }

    @Test
    void quoteFromOneLedgerIsAcceptedForAnIntentByTheOther() {
        QuoteView quote = quote(client);
        withIssuerStopped(quote, () -> {
            IntentView intent = await(client.request(EconomyAddresses.INTENT_CREATE,
                new IntentCreateRequest("carol", quote, "manual"), IntentView.class));
            assertThat(intent.status()).isEqualTo("pending");
            assertThat(intent.quoteId()).isEqualTo(quote.id());
            assertThat(intent.sats()).isEqualTo(quote.sats());
            assertThat(intent.creditsMilli()).isEqualTo(quote.creditsMilli());
        });
    }

    @Test
    void alteredQuoteAndQuotesSignedByAKeyOutsideTheDeploymentAreRefusedByTheOtherLedger() {
        QuoteView quote = quote(client);
        NodeIdentity outsider = NodeIdentity.ephemeral();
        QuoteView cheaper = new QuoteView(quote.id(), quote.direction(), quote.creditsMilli(), 1, quote.usdPerBtc(),
            quote.creditUsdMicro(), quote.createdAt(), quote.expiresAt(), quote.signerKey(), quote.signature());
        Quote original = EconomyViews.quote(quote);
        QuoteView resigned = EconomyViews.quote(new Quote(original.id(), original.direction(), original.creditsMilli(),
            original.sats(), original.usdPerBtc(), original.creditUsdMicro(), original.createdAt(), original.expiresAt(),
            outsider.publicKeyBase64(), outsider.sign(original.signedBytes())));
        QuoteView selfMade = EconomyViews.quote(new QuoteService(outsider, Clock.systemUTC(), () -> 100_000, 10_000,
            Duration.ofMinutes(10)).issue("buy", 50_000));
        withIssuerStopped(quote, () -> {
            for (QuoteView refused : List.of(cheaper, resigned, selfMade)) {
                Throwable t = failure(client.request(EconomyAddresses.INTENT_CREATE,
                    new IntentCreateRequest("mallory", refused, "manual"), IntentView.class));
                assertThat(t).isInstanceOfSatisfying(MeshException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
                assertThat(t.getMessage()).isEqualTo(REFUSED_QUOTE);
            }
        });
    }

    private static QuoteView quote(BusClient bus) {
        return await(bus.request(EconomyAddresses.QUOTE_CREATE, new QuoteRequest("buy", 50_000), QuoteView.class));
    }

    /** Stops the ledger that signed {@code quote}, so the other one answers {@code body}; then starts it again. */
    private static void withIssuerStopped(QuoteView quote, Runnable body) {
        int issuer = quote.signerKey().equals(key(0)) ? 0 : 1;
        assertThat(quote.signerKey()).isEqualTo(key(issuer));
        await(nodes.get(issuer).undeploy(deployments.get(issuer)));
        try {
            awaitSigners(Set.of(key(1 - issuer)));
            body.run();
        } finally {
            deployments.set(issuer, deploy(issuer));
            awaitSigners(Set.of(key(0), key(1)));
        }
    }

    private static String key(int ledger) {
        return ledgers.get(ledger).identity().publicKeyBase64();
    }

    /** Waits until the client's view of the cluster has settled: eight quotes in a row come from exactly these ledgers. */
    private static void awaitSigners(Set<String> keys) {
        LedgerTesting.eventually(() -> {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                try {
                    seen.add(quote(probe).signerKey());
                } catch (MeshException e) {
                    return false;
                }
            }
            return seen.equals(keys);
        }, 30);
    }
}
