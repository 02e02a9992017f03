package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static io.edgecoder.app.ScriptedOpenAiServer.Answer.fails;
import static io.edgecoder.app.ScriptedOpenAiServer.Answer.says;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.coordinator.impl.PgVerificationStore;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.edgecoder.worker.app.WorkerConfig;
import io.edgecoder.worker.app.WorkerVerticle;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent loop end to end on a real cluster: a node of organisation {@code acme} with the
 * coordinator, ledger and the real inference role (its providers are scripted OpenAI-compatible
 * servers), a real worker of {@code acme} with its sandbox, and an inference node of organisation
 * {@code other} whose own scripted servers record everything they are asked.
 */
class AgentLoopIT {
    private static final String WRONG = "Here you go:\n\n```python path=calc.py\ndef add(a, b):\n    return a - b\n```\n";
    private static final String RIGHT = "Fixed:\n\n```python path=calc.py\ndef add(a, b):\n    return a + b\n```\n";
    private static final List<Vertx> NODES = new ArrayList<>();
    private static final List<ScriptedOpenAiServer> SERVERS = new ArrayList<>();
    private static ScriptedOpenAiServer wrongThenRight;
    private static ScriptedOpenAiServer alwaysWrong;
    private static ScriptedOpenAiServer broken;
    private static ScriptedOpenAiServer silent;
    private static ScriptedOpenAiServer acmeLocal;
    private static ScriptedOpenAiServer pays;
    private static String workerNode;
    private static String coordinatorDb;
    private static ScriptedOpenAiServer otherLocal;
    private static ScriptedOpenAiServer otherOnly;
    private static String inferenceNode;
    private static BusClient bus;

    @BeforeAll
    static void startCluster() throws Exception {
        String cluster = TestClusters.newName();
        Settings base = Settings.of(ConfigKeys.defaults()).with(Map.of("ledger.credit.line.user.milli", "1000000",
            ConfigKeys.MESH_MIN_ISOLATION, "none", ConfigKeys.WORKER_SLOTS, "2", ConfigKeys.INFERENCE_HEARTBEAT_MS, "200",
            ConfigKeys.INFERENCE_REFRESH_MS, "500", "ledger.fee.bps", "1000"));
        Vertx acme = member(cluster, EnumSet.of(Role.COORDINATOR, Role.LEDGER, Role.INFERENCE, Role.PORTAL), "acme");
        wrongThenRight = server(acme, "coder-two-rounds", List.of(says(WRONG), says(RIGHT)));
        alwaysWrong = server(acme, "coder-always-wrong", List.of(says(WRONG)));
        broken = server(acme, "coder-broken", List.of(fails(500)));
        silent = server(acme, "coder-silent", List.of(says(WRONG), ScriptedOpenAiServer.Answer.hangs()));
        acmeLocal = server(acme, "coder-both-orgs", List.of(says(RIGHT)));
        pays = server(acme, "coder-pays", List.of(says(WRONG), says(RIGHT)));
        Settings acmeSettings = base.with(Map.of(ConfigKeys.ORG, "acme"));
        deployCoordinatorNode(acme, acmeSettings, ScriptedOpenAiServer.providers(wrongThenRight, alwaysWrong, broken, silent, acmeLocal,
            pays));

        Vertx other = member(cluster, EnumSet.of(Role.INFERENCE), "other");
        otherLocal = server(other, "coder-both-orgs", List.of(says(RIGHT)));
        otherOnly = server(other, "coder-other-only", List.of(says(RIGHT)));
        NodeIdentity otherId = NodeIdentity.ephemeral();
        await(other.deployVerticle(new InferenceVerticle(InferenceConfig.from(
            base.with(Map.of(ConfigKeys.ORG, "other", ConfigKeys.INFERENCE_PROVIDERS, ScriptedOpenAiServer.providers(otherLocal, otherOnly))), otherId))));

        Vertx worker = member(cluster, EnumSet.of(Role.WORKER), "acme");
        workerNode = TestNodes.deployWorker(worker, acmeSettings.with(Map.of(ConfigKeys.DATA_DIR,
            TempFiles.directoryRemovedAtExit("edgecoder-agent-worker").toString())));
        bus = new BusClient(acme, Duration.ofSeconds(30));
        Jobs.awaitWorkers(bus, 1);
        awaitModels("coder-two-rounds", "coder-pays", "coder-always-wrong", "coder-broken", "coder-silent", "coder-both-orgs", "coder-other-only");
    }

    /** Waits until the acme node's inference role knows every model (its own and the other organisation's). */
    private static void awaitModels(String... names) throws Exception {
        Await.until("the models to be advertised", Duration.ofSeconds(60),
            () -> await(bus.request(InferenceAddresses.MODELS, new ModelListRequest(Actor.user("alice"), "acme", false, false),
                ModelListReply.class)).models().stream().map(ModelInfo::name).toList(),
            known -> known.containsAll(List.of(names)));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (ScriptedOpenAiServer s : SERVERS) {
            await(s.close());
        }
        TestClusters.closeAll(NODES);
    }

    @Test
    void aWrongAnswerThenARightOneMakesTwoStepsAndAVerifiedJob() throws Exception {
        String id = submit(agentJob("coder-two-rounds", "local-only", 4, "Write calc.py with add(a, b) returning the sum."));

        JobView job = Jobs.awaitFinished(bus, id);

        assertThat(job.status()).as(job.notes().toString()).isEqualTo("succeeded");
        assertThat(job.verified()).isTrue();
        assertThat(job.steps()).extracting(AgentStep::iteration, AgentStep::status)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "failed"), org.assertj.core.groups.Tuple.tuple(2, "passed"));
        AgentStep first = job.steps().get(0);
        AgentStep second = job.steps().get(1);
        assertThat(first.report().failed()).isEqualTo(1);
        assertThat(first.diff()).contains("+++ b/calc.py", "+    return a - b");
        assertThat(second.diff()).contains("-    return a - b", "+    return a + b");
        assertThat(second.prompt()).contains("The tests failed (round 1 of 4)", "AssertionError");
        assertThat(second.report().passed()).isEqualTo(1);
        assertThat(job.steps()).allSatisfy(s -> {
            assertThat(s.model()).isEqualTo("coder-two-rounds");
            assertThat(s.provider()).isEqualTo("coder-two-rounds");
            assertThat(s.servedBy()).isEqualTo(inferenceNode);
            assertThat(s.promptTokens()).isEqualTo(100);
            assertThat(s.completionTokens()).isEqualTo(20);
            assertThat(s.totalMs()).isGreaterThanOrEqualTo(s.modelMs() + s.testMs());
        });
        assertThat(job.subtasks()).extracting(SubtaskView::test, SubtaskView::status)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("test_calc.py", "passed"));
        assertThat(wrongThenRight.received()).hasSize(2);
        assertThat(wrongThenRight.received().get(1).encode()).contains("AssertionError");
    }

    /**
     * The loop's own test runs are paid like subtask runs: one execution payment per round to the worker (key
     * {@code settle:agent:<run>:<round>}), besides the model calls' payments to the inference node and the verifying
     * subtask's payment; the requester paid exactly what the payees earned plus the fees (the hold and the top-ups less
     * what came back), every escrow account is empty, the chain verifies, and settling again changes nothing.
     */
    @Test
    void theLoopsTestRunsArePaidToTheWorkerOncePerRoundAndTheAccountsAddUpExactly() throws Exception {
        String requester = "payer-" + UUID.randomUUID().toString().substring(0, 8);
        String id = submit(agentJob("coder-pays", "local-only", 4, "Write calc.py with add(a, b).", requester));

        JobView job = Jobs.awaitJob(bus, id, v -> v.finishedAt() != null && v.steps().size() == 2
            && v.steps().stream().allMatch(s -> s.testChargedMilli() != null), 120);

        assertThat(job.status()).as(job.notes().toString()).isEqualTo("succeeded");
        assertThat(job.verified()).isTrue();
        assertThat(job.steps()).allSatisfy(s -> {
            assertThat(s.testCpuMs()).isNotNull().isPositive();
            assertThat(s.testChargedMilli()).isPositive();
            assertThat(s.chargedMilli()).isPositive();
        });
        String reference = "job:" + id;
        List<EntryView> workerEntries = history("node:" + workerNode, reference);
        List<EntryView> fees = history("fees", reference);
        List<EntryView> agentPay = workerEntries.stream().filter(e -> e.idempotencyKey().startsWith("settle:agent:")).toList();
        assertThat(agentPay).as("one execution payment per round to the worker").hasSize(2).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo("earn");
            assertThat(e.from()).isEqualTo("hold:" + id);
        });
        for (int round = 1; round <= 2; round++) {
            String suffix = ":" + round;
            EntryView paid = agentPay.stream().filter(e -> e.idempotencyKey().endsWith(suffix)).findFirst().orElseThrow();
            long fee = fees.stream().filter(e -> e.idempotencyKey().equals(paid.idempotencyKey() + ":fee"))
                .mapToLong(EntryView::amountMilli).sum();
            assertThat(paid.amountMilli() + fee).as("round %d: the worker's earning and the fee are the step's charge", round)
                .isEqualTo(job.steps().get(round - 1).testChargedMilli());
        }
        assertThat(fees).as("the fee (10 %) of the job's payments").isNotEmpty();
        assertThat(workerEntries).filteredOn(e -> e.kind().equals("earn") && !e.idempotencyKey().startsWith("settle:agent:"))
            .as("the verifying subtask's run").hasSize(1);
        List<EntryView> modelPay = history("node:" + inferenceNode, reference);
        assertThat(modelPay).as("the two model calls").hasSize(2).allSatisfy(e -> assertThat(e.from()).startsWith("call:"));
        assertThat(modelPay.stream().mapToLong(EntryView::amountMilli).sum() + fees.stream()
            .filter(e -> e.idempotencyKey().startsWith("inference:")).mapToLong(EntryView::amountMilli).sum())
            .isEqualTo(job.steps().stream().mapToLong(AgentStep::chargedMilli).sum());

        List<EntryView> requesterEntries = history("user:" + requester, null);
        long out = requesterEntries.stream().filter(e -> e.from().equals("user:" + requester)).mapToLong(EntryView::amountMilli).sum();
        long back = requesterEntries.stream().filter(e -> e.to().equals("user:" + requester)).mapToLong(EntryView::amountMilli).sum();
        long initialHold = requesterEntries.stream().filter(e -> e.idempotencyKey().equals("hold:" + id)).findFirst().orElseThrow()
            .amountMilli();
        long earned = sum(workerEntries, "earn") + sum(modelPay, "earn");
        long paidFees = fees.stream().mapToLong(EntryView::amountMilli).sum();
        assertThat(earned + paidFees + back).as("the hold (%d) and its top-ups went to the payees, the fees and back", initialHold)
            .isEqualTo(out);
        assertThat(out).isGreaterThanOrEqualTo(initialHold);
        Map<String, Long> balances = await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class))
            .balances();
        assertThat(balances.get("user:" + requester)).isEqualTo(-(earned + paidFees));
        assertThat(balances).containsEntry("hold:" + id, 0L);
        assertThat(balances.entrySet()).filteredOn(e -> e.getKey().startsWith("call:" + id)).allSatisfy(e -> assertThat(e.getValue())
            .isZero());
        VerifyReply verify = await(bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class));
        assertThat(verify.ok()).as(verify.message()).isTrue();

        SettleJobRequest again = new SettleJobRequest(id, requester, true, contributions(id));
        SettleJobReply first = await(bus.request(LedgerAddresses.JOB_SETTLE, again, SettleJobReply.class));
        SettleJobReply second = await(bus.request(LedgerAddresses.JOB_SETTLE, again, SettleJobReply.class));
        assertThat(second).isEqualTo(first);
        assertThat(first.charges().entrySet()).filteredOn(e -> e.getKey().startsWith("agent:")).extracting(Map.Entry::getValue)
            .containsExactlyInAnyOrderElementsOf(job.steps().stream().map(AgentStep::testChargedMilli).toList());
        assertThat(history("node:" + workerNode, reference)).isEqualTo(workerEntries);
        assertThat(history("user:" + requester, null)).isEqualTo(requesterEntries);
    }

    private static long sum(List<EntryView> entries, String kind) {
        return entries.stream().filter(e -> e.kind().equals(kind)).mapToLong(EntryView::amountMilli).sum();
    }

    /** The account's entries (of the reference {@code reference}, when not null). */
    private static List<EntryView> history(String account, String reference) throws Exception {
        AccountHistoryReply reply = await(bus.request(EconomyAddresses.ACCOUNT_HISTORY, new AccountHistoryRequest(account, 1000, null),
            AccountHistoryReply.class));
        return reply.entries().stream().filter(e -> reference == null || reference.equals(e.reference())).toList();
    }

    /** What the coordinator pays for the job, read from its database as its settlement reads it. */
    private static List<Contribution> contributions(String jobId) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(coordinatorDb)).using(vertx).build();
            return await(new PgVerificationStore(pool).contributions(jobId));
        } finally {
            await(vertx.close());
        }
    }

    @Test
    void aLocalOnlyPromptNeverReachesANodeOfAnotherOrganisation() throws Exception {
        String servedByBoth = "marker-" + UUID.randomUUID();
        String servedOnlyByOther = "marker-" + UUID.randomUUID();
        String meshControl = "marker-" + UUID.randomUUID();

        JobView both = Jobs.awaitFinished(bus, submit(agentJob("coder-both-orgs", "local-only", 2, "Write calc.py " + servedByBoth)));
        JobView onlyOther = Jobs.awaitFinished(bus, submit(agentJob("coder-other-only", "local-only", 2,
            "Write calc.py " + servedOnlyByOther)));
        JobView mesh = Jobs.awaitFinished(bus, submit(agentJob("coder-other-only", "mesh", 2, "Write calc.py " + meshControl)));

        assertThat(both.status()).as(both.notes().toString()).isEqualTo("succeeded");
        assertThat(acmeLocal.everythingSaid()).contains(servedByBoth);
        assertThat(onlyOther.status()).isEqualTo("failed");
        assertThat(onlyOther.notes()).anySatisfy(n -> assertThat(n).contains("could not answer (404)"));
        assertThat(mesh.status()).as("a mesh job may use the other organisation's model: " + mesh.notes()).isEqualTo("succeeded");
        assertThat(otherOnly.everythingSaid()).as("the other organisation's server is reachable").contains(meshControl);
        assertThat(otherLocal.everythingSaid() + otherOnly.everythingSaid()).doesNotContain(servedByBoth, servedOnlyByOther);
    }

    @Test
    void aModelErrorEndsTheJobWithAClearError() throws Exception {
        JobView job = Jobs.awaitFinished(bus, submit(agentJob("coder-broken", "local-only", 3, "Write calc.py")));

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.verified()).isFalse();
        assertThat(job.notes()).anySatisfy(n -> assertThat(n).startsWith("agent: model coder-broken could not answer ("));
        assertThat(job.steps()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo("model_error");
            assertThat(s.error()).contains("could not answer");
        });
        assertThat(job.subtasks()).isEmpty();
    }

    @Test
    void reachingTheBoundFailsTheJobWithTheLastTestReport() throws Exception {
        JobView job = Jobs.awaitFinished(bus, submit(agentJob("coder-always-wrong", "local-only", 2, "Write calc.py")));

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.verified()).isFalse();
        assertThat(job.steps()).extracting(AgentStep::status).containsExactly("failed", "failed");
        AgentStep last = job.steps().get(1);
        assertThat(last.report().failed()).isEqualTo(1);
        assertThat(last.report().details()).singleElement().satisfies(d -> assertThat(d.message()).contains("AssertionError"));
        assertThat(job.notes()).anySatisfy(n -> assertThat(n).startsWith("agent: the tests still failed after 2 round(s)"));
    }

    @Test
    void aMissingModelEndsTheJobWithA404() throws Exception {
        JobView job = Jobs.awaitFinished(bus, submit(agentJob("coder-nowhere", "local-only", 2, "Write calc.py")));

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.notes()).anySatisfy(n -> assertThat(n).startsWith("agent: model coder-nowhere could not answer (404)"));
    }

    @Test
    void stepsShowWhileTheLoopRunsAndCancellingStopsTheLoopAndItsModelCall() throws Exception {
        String id = submit(agentJob("coder-silent", "local-only", 4, "Write calc.py"));
        JobView running = Jobs.awaitJob(bus, id, v -> v.steps().size() == 1, 60);
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.steps().get(0).status()).isEqualTo("failed");
        Await.until("the model to be asked again", Duration.ofSeconds(60), () -> silent.received().size(), n -> n >= 2);

        JobView cancelled = await(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, Actor.user("alice")),
            JobView.class));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        JobView after = Jobs.awaitJob(bus, id, v -> v.steps().size() == 2, 60);
        assertThat(after.steps().get(1).status()).isEqualTo("cancelled");
        assertThat(after.status()).isEqualTo("cancelled");
        assertThat(after.subtasks()).isEmpty();
        assertThat(Await.until("the model call to be given up", Duration.ofSeconds(30), silent::abandoned, n -> n >= 1))
            .isEqualTo(1);
        assertThat(silent.received()).hasSize(2);
    }

    static JobSubmitRequest agentJob(String model, String locality, int iterations, String prompt) {
        return agentJob(model, locality, iterations, prompt, "alice");
    }

    static JobSubmitRequest agentJob(String model, String locality, int iterations, String prompt, String requester) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("test_calc.py", Jobs.PASSING);
        return new JobSubmitRequest("agent " + model, "python", files, List.of("test_calc.py"), locality, 60, requester, null, null,
            prompt, model, iterations, null);
    }

    private static String submit(JobSubmitRequest job) throws Exception {
        JobSubmitReply reply = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class));
        assertThat(reply.status()).isEqualTo("queued");
        return reply.id();
    }

    private static Vertx member(String cluster, EnumSet<Role> roles, String org) throws Exception {
        Vertx node = await(TestClusters.member(cluster, roles, org));
        NODES.add(node);
        return node;
    }

    private static ScriptedOpenAiServer server(Vertx vertx, String model, List<ScriptedOpenAiServer.Answer> script) throws Exception {
        ScriptedOpenAiServer s = await(new ScriptedOpenAiServer(model, script).start(vertx));
        SERVERS.add(s);
        return s;
    }


    private static void deployCoordinatorNode(Vertx node, Settings settings, String providers) throws Exception {
        NodeIdentity identity = NodeIdentity.ephemeral();
        String dbUrl = TestDatabase.freshDatabase();
        coordinatorDb = dbUrl;
        inferenceNode = BusAuth.of(node).orElseThrow().self().nodeId();
        await(node.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, dbUrl, identity))));
        await(node.deployVerticle(new InferenceVerticle(InferenceConfig.from(
            settings.with(Map.of(ConfigKeys.INFERENCE_PROVIDERS, providers)), identity))));
        await(node.deployVerticle(new CoordinatorVerticle(CoordinatorConfig.from(settings, dbUrl, identity, null))));
    }
}
