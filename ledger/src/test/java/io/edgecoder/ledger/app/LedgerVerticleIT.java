package io.edgecoder.ledger.app;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LedgerVerticleIT {
    private BusClient bus;

    @BeforeEach
    void deploy(Vertx vertx) {
        String url = LedgerTesting.migratedDatabase(vertx);
        Settings settings = Settings.of(Map.of(LedgerConfig.CHECKPOINT_INTERVAL_MS, "200",
            EconomyConfig.ISSUANCE_ENABLED, "false"));
        LedgerConfig config = LedgerConfig.from(settings, url, NodeIdentity.ephemeral());
        await(vertx.deployVerticle(new LedgerVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
    }

    private SettleJobReply settle(SettleJobRequest request) {
        return await(bus.request(LedgerAddresses.JOB_SETTLE, request, SettleJobReply.class));
    }

    private Map<String, Long> balances() {
        return await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances();
    }

    private MeshException refusal(Object body) {
        Throwable t = failure(bus.request(LedgerAddresses.JOB_SETTLE, body, SettleJobReply.class));
        assertThat(t).isInstanceOf(MeshException.class);
        return (MeshException) t;
    }

    private static SettleJobRequest job(String id, boolean verified, Contribution... contributions) {
        return new SettleJobRequest(id, "alice", verified, List.of(contributions));
    }

    @Test
    void settlementCreditsWorkersInProportionToCpuTime() {
        SettleJobReply reply = settle(job("j1", true, new Contribution("a1", "w1", 1500),
            new Contribution("a2", "w2", 500), new Contribution("a3", "w1", 1000)));
        assertThat(reply).isEqualTo(new SettleJobReply("j1", 3000, 3, Map.of("a1", 1500L, "a2", 500L, "a3", 1000L)));
        assertThat(balances()).containsExactlyInAnyOrderEntriesOf(
            Map.of("user:alice", -3000L, "node:w1", 2500L, "node:w2", 500L));
    }

    @Test
    void settlingTwiceWritesOneSetOfEntriesAndAnswersTheSame() {
        SettleJobRequest request = job("j1", true, new Contribution("a1", "w1", 1200), new Contribution("a2", "w2", 1));
        SettleJobReply first = settle(request);
        SettleJobReply second = settle(request);
        assertThat(second).isEqualTo(first).isEqualTo(new SettleJobReply("j1", 1201, 2, Map.of("a1", 1200L, "a2", 1L)));
        assertThat(balances()).containsEntry("user:alice", -1201L);
        assertThat(await(bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class)).entries())
            .isEqualTo(2);
    }

    @Test
    void tinyRunsEarnAtLeastOneMilliCredit() {
        assertThat(settle(job("j1", true, new Contribution("a1", "w1", 0))).chargedMilli()).isEqualTo(1);
    }

    @Test
    void unverifiedJobEarnsNothing() {
        assertThat(settle(job("j1", false, new Contribution("a1", "w1", 5000)))).isEqualTo(new SettleJobReply("j1", 0, 0));
        assertThat(balances()).isEmpty();
    }

    @Test
    void attemptAlreadyPaidForAnotherJobIsAConflict() {
        settle(job("j1", true, new Contribution("a1", "w1", 100)));
        MeshException e = refusal(job("j2", true, new Contribution("a1", "w1", 100)));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.getMessage()).contains("settle:a1");
    }

    @Test
    void missingJobIdIsABadRequest() {
        MeshException e = refusal(new SettleJobRequest(null, "alice", true, List.of()));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("jobId is required");
    }

    @Test
    void negativeCpuTimeIsABadRequestNamingTheField() {
        MeshException e = refusal(job("j1", true, new Contribution("a1", "w1", 5), new Contribution("a2", "w1", -1)));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("contributions[1].cpuMs must be >= 0, got -1");
        assertThat(balances()).isEmpty();
    }

    @Test
    void otherBadRequestsNameTheirField() {
        assertThat(refusal(new SettleJobRequest("j1", " ", true, List.of())).getMessage()).isEqualTo("requester is required");
        assertThat(refusal(new SettleJobRequest("j1", "alice", true, null)).getMessage()).contains("contributions");
        assertThat(refusal(job("j1", true, new Contribution("a1", null, 5))).getMessage())
            .isEqualTo("contributions[0].workerId is required");
        assertThat(refusal(job("j1", true, new Contribution("a1", "w1", 5), new Contribution("a1", "w2", 5)))
            .getMessage()).contains("appears twice");
        assertThat(refusal(new JsonObject().put("jobId", "j1").put("requester", "alice").put("verified", true)
            .put("contributions", new JsonArray().add(new JsonObject().put("attemptId", "a").put("workerId", "w")
                .put("cpuMs", "lots")))).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void unknownFieldsAreIgnored() {
        JsonObject body = new JsonObject().put("jobId", "j1").put("requester", "alice").put("verified", true)
            .put("futureField", "x").put("contributions", new JsonArray()
                .add(new JsonObject().put("attemptId", "a1").put("workerId", "w1").put("cpuMs", 2000).put("gpuMs", 3)));
        assertThat(await(bus.request(LedgerAddresses.JOB_SETTLE, body, SettleJobReply.class)))
            .isEqualTo(new SettleJobReply("j1", 2000, 1, Map.of("a1", 2000L)));
    }

    @Test
    void checkpointsAreWrittenInTheBackground() {
        settle(job("j1", true, new Contribution("a1", "w1", 100)));
        LedgerTesting.eventually(() -> verify().message().contains("1 entries and 1 checkpoints"), 10);
        settle(job("j2", true, new Contribution("a2", "w1", 100)));
        LedgerTesting.eventually(() -> verify().message().contains("2 entries and 2 checkpoints"), 10);
        assertThat(verify().ok()).isTrue();
    }

    private VerifyReply verify() {
        return await(bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class));
    }

    @Test
    void roleHealthReportsTheDatabase() {
        RoleHealth health = await(bus.request(NodeAddresses.roleHealth(Role.LEDGER), new HealthRequest(), RoleHealth.class));
        assertThat(health).isEqualTo(new RoleHealth("ledger", "up", Map.of("database", "up")));
    }

    @Test
    void stoppingClosesThePoolAndUnregisters(Vertx vertx) {
        await(Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()));
        MeshException e = refusal(job("j1", true));
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
