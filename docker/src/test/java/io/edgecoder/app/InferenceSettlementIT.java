package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static io.edgecoder.app.ScriptedOpenAiServer.Answer.fails;
import static io.edgecoder.app.ScriptedOpenAiServer.Answer.says;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.InferenceUsageReply;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inference settlement on a real cluster: node A (coordinator, ledger, portal and an inference role without providers,
 * so it only routes), node B (an inference role whose providers are scripted OpenAI-compatible servers: the serving
 * node) and a real worker. Each scripted answer reports 100 prompt and 20 completion tokens; its models advertise no
 * size, so they are of class medium (500 / 2500 milli-credits per 1000 tokens): every served call costs exactly
 * 100 × 0.5 + 20 × 2.5 = 100 milli-credits. Users may go 50 credits below zero. Calls are escrowed one by one (no
 * standing allowances here: see InferenceAllowanceIT).
 */
class InferenceSettlementIT {
    private static final long CALL_PRICE = 100;
    private static final String RIGHT = "Fixed:\n\n```python path=calc.py\ndef add(a, b):\n    return a + b\n```\n";
    private static final String WRONG = "Here:\n\n```python path=calc.py\ndef add(a, b):\n    return a - b\n```\n";
    private static final List<Vertx> NODES = new ArrayList<>();
    private static final List<ScriptedOpenAiServer> SERVERS = new ArrayList<>();
    private static ScriptedOpenAiServer answers;
    private static ScriptedOpenAiServer broken;
    private static ScriptedOpenAiServer twoRounds;
    private static String servingNode;
    private static BusClient bus;

    @BeforeAll
    static void startCluster() throws Exception {
        String cluster = TestClusters.newName();
        Settings base = Settings.of(ConfigKeys.defaults()).with(Map.of("ledger.credit.line.user.milli", "50000",
            ConfigKeys.ORG, "acme", ConfigKeys.MESH_MIN_ISOLATION, "none", ConfigKeys.WORKER_SLOTS, "2",
            ConfigKeys.INFERENCE_HEARTBEAT_MS, "200", ConfigKeys.INFERENCE_REFRESH_MS, "500", "ledger.checkpoint.interval.ms", "200",
            // every call escrowed on its own, as before allowances: standing allowances are InferenceAllowanceIT's
            ConfigKeys.INFERENCE_ALLOWANCE_MILLI, "0"));
        Vertx a = member(cluster, EnumSet.of(Role.COORDINATOR, Role.LEDGER, Role.INFERENCE, Role.PORTAL));
        NodeIdentity aId = NodeIdentity.ephemeral();
        String dbUrl = TestDatabase.freshDatabase();
        await(a.deployVerticle(new LedgerVerticle(LedgerConfig.from(base, dbUrl, aId))));
        await(a.deployVerticle(new InferenceVerticle(InferenceConfig.from(base, aId))));
        await(a.deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(base, dbUrl, aId, null))));

        Vertx b = member(cluster, EnumSet.of(Role.INFERENCE));
        answers = server(b, "coder-answers", List.of(says(RIGHT)));
        broken = server(b, "coder-broken", List.of(fails(500)));
        twoRounds = server(b, "coder-two-rounds", List.of(says(WRONG), says(RIGHT)));
        servingNode = BusAuth.of(b).orElseThrow().self().nodeId();
        await(b.deployVerticle(new InferenceVerticle(InferenceConfig.from(base.with(Map.of(ConfigKeys.INFERENCE_PROVIDERS,
            ScriptedOpenAiServer.providers(answers, broken, twoRounds))), NodeIdentity.ephemeral()))));

        Vertx worker = member(cluster, EnumSet.of(Role.WORKER));
        TestNodes.deployWorker(worker, base.with(Map.of(ConfigKeys.DATA_DIR,
            TempFiles.directoryRemovedAtExit("edgecoder-settle-worker").toString())));
        bus = new BusClient(a, Duration.ofSeconds(30));
        Jobs.awaitWorkers(bus, 1);
        Await.until("node A to know node B's models", Duration.ofSeconds(60),
            () -> await(bus.request(InferenceAddresses.MODELS, new ModelListRequest(Actor.user("alice"), "acme", false, false),
                ModelListReply.class)).models().stream().map(ModelInfo::name).toList(),
            known -> known.containsAll(List.of("coder-answers", "coder-broken", "coder-two-rounds")));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (ScriptedOpenAiServer s : SERVERS) {
            await(s.close());
        }
        TestClusters.closeAll(NODES);
    }

    @AfterEach
    void theChainStillVerifies() throws Exception {
        VerifyReply verify = await(bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class));
        assertThat(verify.ok()).as(verify.message()).isTrue();
        assertThat(balances().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void aChatCallChargesTheCallerAndPaysTheServingNodeExactlyThePricedAmount() throws Exception {
        String caller = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        long nodeBefore = balances().getOrDefault("node:" + servingNode, 0L);
        String id = "chat-" + UUID.randomUUID();

        ChatReply reply = await(bus.request(InferenceAddresses.CHAT, chat(id, "coder-answers", 64, caller), ChatReply.class));

        assertThat(reply.servedBy()).isEqualTo(servingNode);
        assertThat(reply.chargedMilli()).isEqualTo(CALL_PRICE);
        Map<String, Long> after = balances();
        assertThat(after).containsEntry("user:" + caller, -CALL_PRICE).containsEntry("call:" + id, 0L)
            .containsEntry("node:" + servingNode, nodeBefore + CALL_PRICE);
        AccountHistoryReply history = await(bus.request(EconomyAddresses.ACCOUNT_HISTORY,
            new AccountHistoryRequest("user:" + caller, 10, null), AccountHistoryReply.class));
        assertThat(history.entries()).extracting(EntryView::kind, EntryView::to)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("hold", "call:" + id),
                org.assertj.core.groups.Tuple.tuple("release", "user:" + caller));
    }

    @Test
    void aRetryOfTheSameCallIdIsRefusedBeforeTheModelAndNotPaidTwice() throws Exception {
        String caller = "erin-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "chat-" + UUID.randomUUID();
        await(bus.request(InferenceAddresses.CHAT, chat(id, "coder-answers", 64, caller), ChatReply.class));
        Map<String, Long> before = balances();
        int asked = answers.received().size();

        MeshException retry = failure(bus.request(InferenceAddresses.CHAT, chat(id, "coder-answers", 64, caller), ChatReply.class));
        MeshException forged = failure(bus.request(LedgerAddresses.INFERENCE_SETTLE, new InferenceUsageRequest(id, true, servingNode,
            "coder-answers", "coder-answers", 5000, 5000, 10, 10, null), InferenceUsageReply.class));

        assertThat(retry.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(retry.getMessage()).contains("already settled (paid)");
        assertThat(forged.code()).as("node A may not report a call node B served").isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(answers.received()).hasSize(asked);
        assertThat(balances()).isEqualTo(before);
    }

    @Test
    void aCallThatFailsAtTheProviderCostsNothing() throws Exception {
        String caller = "frank-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "chat-" + UUID.randomUUID();
        long nodeBefore = balances().getOrDefault("node:" + servingNode, 0L);

        MeshException failed = failure(bus.request(InferenceAddresses.CHAT, chat(id, "coder-broken", 64, caller), ChatReply.class));

        assertThat(failed.code()).isNotEqualTo(ErrorCode.PAYMENT_REQUIRED);
        assertThat(broken.received()).isNotEmpty();
        Map<String, Long> after = Jobs.awaitBalances(bus, m -> m.getOrDefault("call:" + id, -1L) == 0L);
        assertThat(after).containsEntry("user:" + caller, 0L).containsEntry("node:" + servingNode, nodeBefore);
    }

    @Test
    void aCallerWithoutEnoughCreditsIsRefusedWith402BeforeTheModelIsCalled() throws Exception {
        String caller = "gina-" + UUID.randomUUID().toString().substring(0, 8);
        int asked = answers.received().size();

        MeshException refused = failure(bus.request(InferenceAddresses.CHAT, chat("chat-" + UUID.randomUUID(), "coder-answers",
            100_000, caller), ChatReply.class));

        assertThat(refused.code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED);
        assertThat(refused.getMessage()).startsWith("insufficient credits for this model call: it may cost up to")
            .contains("user:" + caller);
        assertThat(answers.received()).hasSize(asked);
        assertThat(balances()).doesNotContainKey("user:" + caller);
    }

    @Test
    void anAgentLoopJobPaysItsModelTimeFromItsEscrowAndShowsItOnItsSteps() throws Exception {
        long nodeBefore = balances().getOrDefault("node:" + servingNode, 0L);
        JobSubmitReply submitted = await(bus.request(CoordinatorAddresses.JOB_SUBMIT,
            AgentLoopIT.agentJob("coder-two-rounds", "local-only", 3, "Write calc.py with add(a, b)."), JobSubmitReply.class));

        JobView job = Jobs.awaitFinished(bus, submitted.id());

        assertThat(job.status()).as(job.notes().toString()).isEqualTo("succeeded");
        assertThat(job.steps()).extracting(AgentStep::chargedMilli).containsExactly(CALL_PRICE, CALL_PRICE);
        String hold = "hold:" + submitted.id();
        Map<String, Long> after = Jobs.awaitBalances(bus, m -> m.getOrDefault(hold, -1L) == 0L
            && m.getOrDefault("node:" + servingNode, 0L) == nodeBefore + 2 * CALL_PRICE);
        assertThat(after).containsEntry(hold, 0L);
        AccountHistoryReply holdHistory = await(bus.request(EconomyAddresses.ACCOUNT_HISTORY,
            new AccountHistoryRequest(hold, 50, null), AccountHistoryReply.class));
        assertThat(holdHistory.entries()).filteredOn(e -> e.to().startsWith("call:")).as("the first call's escrow came from the"
            + " job's hold (the rest of the budget may be less than the next escrow: the requester tops it up)").isNotEmpty();
        AccountHistoryReply paid = await(bus.request(EconomyAddresses.ACCOUNT_HISTORY,
            new AccountHistoryRequest("node:" + servingNode, 1000, null), AccountHistoryReply.class));
        assertThat(paid.entries()).filteredOn(e -> e.reference().equals("job:" + submitted.id()))
            .as("each model call of the job paid to the serving node from its escrow, booked on the job")
            .hasSize(2).allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo("earn");
                assertThat(e.from()).startsWith("call:" + submitted.id());
                assertThat(e.amountMilli()).isEqualTo(CALL_PRICE);
            });
    }

    private static ChatRequest chat(String id, String model, int maxTokens, String account) {
        return new ChatRequest(id, model, List.of(ChatMessage.user("Write calc.py")), maxTokens, 0.0, Actor.user(account), "acme",
            false, null, null, null);
    }

    private static Map<String, Long> balances() throws Exception {
        return await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances();
    }

    private static MeshException failure(Future<?> future) throws Exception {
        Throwable t = await(future.map(v -> (Throwable) null).recover(Future::succeededFuture));
        assertThat(t).as("the request should have failed").isNotNull();
        return BusClient.toMesh(t);
    }

    private static Vertx member(String cluster, EnumSet<Role> roles) throws Exception {
        Vertx node = await(TestClusters.member(cluster, roles, "acme"));
        NODES.add(node);
        return node;
    }

    private static ScriptedOpenAiServer server(Vertx vertx, String model, List<ScriptedOpenAiServer.Answer> script) throws Exception {
        ScriptedOpenAiServer s = await(new ScriptedOpenAiServer(model, script).start(vertx));
        SERVERS.add(s);
        return s;
    }

}
