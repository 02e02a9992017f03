package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three clustered Vert.x nodes in one JVM: one with coordinator, inference and ledger, two
 * worker-only nodes with one slot each. Jobs run end to end across the cluster.
 */
class ClusterFlowIT {
    private static List<Vertx> nodes;
    private static BusClient bus;
    private static String workerA;
    private static String workerB;

    @BeforeAll
    static void startCluster() throws Exception {
        nodes = TestClusters.start(3);
        String dbUrl = TestDatabase.freshDatabase();
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.WORKER_SLOTS, "1",
            "ledger.credit.line.user.milli", "100000"));
        TestNodes.deployCoordinatorNode(nodes.get(0), settings, dbUrl);
        workerA = TestNodes.deployWorker(nodes.get(1), settings);
        workerB = TestNodes.deployWorker(nodes.get(2), settings);
        bus = new BusClient(nodes.get(0), Duration.ofSeconds(30));
        Jobs.awaitWorkers(bus, 2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        TestClusters.closeAll(nodes);
    }

    @Test
    void subtasksOfOneJobRunOnBothWorkersAndBothAreCredited() throws Exception {
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT,
            Jobs.python("spread", Map.of("test_one.py", Jobs.PASSING, "test_two.py", Jobs.PASSING)), JobSubmitReply.class)).id();

        JobView job = Jobs.awaitFinished(bus, id);

        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.verified()).isTrue();
        assertThat(job.subtasks()).extracting(SubtaskView::status).containsOnly("passed");
        Set<String> workers = job.subtasks().stream().map(SubtaskView::worker).collect(Collectors.toSet());
        assertThat(workers).containsExactlyInAnyOrder(workerA, workerB);
        Map<String, Long> balances = Jobs.awaitBalances(bus, b -> b.containsKey("node:" + workerA) && b.containsKey("node:" + workerB));
        assertThat(balances.get("node:" + workerA)).isPositive();
        assertThat(balances.get("node:" + workerB)).isPositive();
        assertThat(await(bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class)).ok()).isTrue();
        Map<String, Long> settled = Jobs.awaitBalances(bus, b -> b.getOrDefault("hold:" + id, 0L) == 0L);
        assertThat(settled.get("user:admin")).isNegative();
    }

    @Test
    void aJobTheRequesterCannotCoverIsRejectedWithTheReason() throws Exception {
        Map<String, String> tests = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            tests.put("test_" + i + ".py", Jobs.PASSING);
        }
        JobSubmitReply reply = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, Jobs.python("too dear", tests),
            JobSubmitReply.class));

        assertThat(reply.status()).isEqualTo("rejected");
        assertThat(reply.reason()).contains("budget hold refused");
        JobView job = Jobs.awaitFinished(bus, reply.id());
        assertThat(job.status()).isEqualTo("rejected");
        assertThat(job.subtasks()).isEmpty();
        assertThat(job.notes()).anyMatch(n -> n.contains("budget hold refused"));
    }

    @Test
    void aFailingTestFileFailsTheJobAndKeepsItsOutput() throws Exception {
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT,
            Jobs.python("one fails", Map.of("test_ok.py", Jobs.PASSING, "test_bad.py", Jobs.FAILING)), JobSubmitReply.class)).id();

        JobView job = Jobs.awaitFinished(bus, id);

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.verified()).isFalse();
        SubtaskView bad = job.subtasks().stream().filter(s -> s.test().equals("test_bad.py")).findFirst().orElseThrow();
        assertThat(bad.status()).isEqualTo("failed");
        assertThat(bad.stdout() + bad.stderr()).contains("two and two is not five").contains("test_adds_wrongly");
        assertThat(job.subtasks().stream().filter(s -> s.test().equals("test_ok.py")).findFirst().orElseThrow().status())
            .isEqualTo("passed");
    }

    @Test
    void aRestrictedJobImportingSubprocessIsRefusedWithFileLineAndConstruct() throws Exception {
        String sneaky = "import unittest\nimport subprocess\n\nclass T(unittest.TestCase):\n"
            + "    def test_x(self):\n        subprocess.run(['id'])\n";
        var job = new io.edgecoder.core.message.JobSubmitRequest("sneaky", "python", Map.of("test_sneaky.py", sneaky),
            List.of("test_sneaky.py"), "local-only", 30, "admin", true);

        io.edgecoder.core.MeshException refused = failureOf(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class));

        assertThat(refused.code()).isEqualTo(io.edgecoder.core.ErrorCode.POLICY_REJECTED);
        assertThat(refused.getMessage()).contains("test_sneaky.py:2:").contains("import:subprocess");
    }

    @Test
    void aRestrictedJobWithinTheSubsetRuns() throws Exception {
        var job = new io.edgecoder.core.message.JobSubmitRequest("clean", "python",
            Map.of("calc.py", Jobs.CALC, "test_one.py", Jobs.PASSING), List.of("test_one.py"), "local-only", 30, "admin", true);
        String id = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
        assertThat(Jobs.awaitFinished(bus, id).status()).isEqualTo("succeeded");
    }

    private static io.edgecoder.core.MeshException failureOf(io.vertx.core.Future<?> f) throws Exception {
        try {
            await(f);
            throw new AssertionError("expected a failure");
        } catch (java.util.concurrent.ExecutionException e) {
            return (io.edgecoder.core.MeshException) e.getCause();
        }
    }

    @Test
    void ledgerBalancesSumToZero() throws Exception {
        BalancesReply reply = await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class));
        assertThat(reply.balances().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }
}
