package io.edgecoder.ledger.app;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes, each running the ledger role on one shared database; a third, ledger-less
 * node sends the requests, which the bus spreads over both ledgers.
 */
class LedgerClusterIT {
    private static List<Vertx> nodes;
    private static String url;
    private static BusClient client;

    @BeforeAll
    static void cluster() throws Exception {
        nodes = TestClusters.start(3);
        url = LedgerTesting.migratedDatabase(nodes.get(0));
        for (Vertx node : nodes.subList(0, 2)) {
            LedgerConfig config = LedgerConfig.from(Settings.of(Map.of(EconomyConfig.ISSUANCE_ENABLED, "false")), url,
                NodeIdentity.ephemeral());
            await(node.deployVerticle(new LedgerVerticle(config)));
        }
        client = new BusClient(nodes.get(2), Duration.ofSeconds(30));
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
            for (Contribution c : job.contributions()) {
                long amount = Math.max(1, c.cpuMs());
                charged += amount;
                expected.merge("user:" + job.requester(), -amount, Long::sum);
                expected.merge("node:" + c.workerId(), amount, Long::sum);
            }
            contributions += job.contributions().size();
            expectedReplies.put(job.jobId(), new SettleJobReply(job.jobId(), charged, job.contributions().size()));
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
}
