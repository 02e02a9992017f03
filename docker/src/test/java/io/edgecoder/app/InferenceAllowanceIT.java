package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static io.edgecoder.app.ScriptedOpenAiServer.Answer.says;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.InferenceAllowanceCloseReply;
import io.edgecoder.core.message.InferenceAllowanceCloseRequest;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Standing allowances on a real cluster: node A runs the ledger, a portal role (it reads balances) and an inference
 * role without providers (it routes,
 * as the IDE endpoint's node does), node B serves the model from a scripted OpenAI-compatible server. Each answer
 * reports 100 prompt and 20 completion tokens of a model of unknown size (class medium): every call costs exactly 100
 * milli-credits. A asks for allowances of 5 credits; users may go 50 credits below zero.
 */
class InferenceAllowanceIT {
    private static final long CALL_PRICE = 100;
    private static final String MODEL = "coder-allowance";
    private static final List<Vertx> NODES = new ArrayList<>();
    private static Vertx outside;
    private static Pool db;
    private static ScriptedOpenAiServer server;
    private static String routingNode;
    private static String servingNode;
    private static BusClient bus;
    private static BusClient onServingNode;

    @BeforeAll
    static void startCluster() throws Exception {
        String cluster = TestClusters.newName();
        Settings base = Settings.of(ConfigKeys.defaults()).with(Map.of("ledger.credit.line.user.milli", "50000",
            ConfigKeys.ORG, "acme", ConfigKeys.INFERENCE_HEARTBEAT_MS, "200", ConfigKeys.INFERENCE_REFRESH_MS, "500",
            ConfigKeys.INFERENCE_ALLOWANCE_MILLI, "5000", "ledger.checkpoint.interval.ms", "200"));
        String dbUrl = TestDatabase.freshDatabase();
        Vertx a = member(cluster, EnumSet.of(Role.LEDGER, Role.INFERENCE, Role.PORTAL));
        NodeIdentity aId = NodeIdentity.ephemeral();
        await(a.deployVerticle(new LedgerVerticle(LedgerConfig.from(base, dbUrl, aId))));
        await(a.deployVerticle(new InferenceVerticle(InferenceConfig.from(base, aId))));
        Vertx b = member(cluster, EnumSet.of(Role.INFERENCE));
        server = await(new ScriptedOpenAiServer(MODEL, List.of(says("def add(a, b):\n    return a + b\n"))).start(b));
        await(b.deployVerticle(new InferenceVerticle(InferenceConfig.from(base.with(Map.of(ConfigKeys.INFERENCE_PROVIDERS,
            ScriptedOpenAiServer.providers(server))), NodeIdentity.ephemeral()))));
        routingNode = BusAuth.of(a).orElseThrow().self().nodeId();
        servingNode = BusAuth.of(b).orElseThrow().self().nodeId();
        bus = new BusClient(a, Duration.ofSeconds(30));
        onServingNode = new BusClient(b, Duration.ofSeconds(30));
        outside = Vertx.vertx();
        db = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(PgConnectOptions.fromUri(dbUrl)).using(outside).build();
        Await.until("node A to know node B's model", Duration.ofSeconds(60),
            () -> await(bus.requestLocalFirst(InferenceAddresses.MODELS, new ModelListRequest(Actor.user("ida"), "acme", false, false),
                ModelListReply.class, Duration.ofSeconds(30))).models().stream().map(ModelInfo::name).toList(), known -> known.contains(MODEL));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (server != null) {
            await(server.close());
        }
        if (db != null) {
            await(db.close());
        }
        if (outside != null) {
            await(outside.close());
        }
        TestClusters.closeAll(NODES);
    }

    @Test
    void anIdeCallReachesTheModelBeforeTheLedgerHasWrittenItsRowAndTheAccountAndTheServingNodeAddUpExactly() throws Exception {
        String account = "ida-" + UUID.randomUUID().toString().substring(0, 8);
        long nodeBefore = balances().getOrDefault("node:" + servingNode, 0L);
        List<Long> charges = new ArrayList<>();

        // given: the account's first call has no allowance yet: it waits for the one it asks for (not escrowed on its own
        // meanwhile, which would compete with the grant for the account's credits) and is paid from it
        ChatReply first = await(chat(chat("first-" + UUID.randomUUID(), account, null)));
        charges.add(first.chargedMilli());
        assertThat(allowanceOf(first.requestId())).as("the first call of an account waits for its allowance").isNotNull();
        String allowance = Await.until("a call paid from the account's allowance", Duration.ofSeconds(60), () -> {
            ChatReply r = await(chat(chat("probe-" + UUID.randomUUID(), account, null)));
            charges.add(r.chargedMilli());
            return allowanceOf(r.requestId());
        }, id -> id != null);

        // when: the ledger cannot write a call's row (its table locked), an IDE call is made
        String id = "ide-" + UUID.randomUUID();
        List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
        String reader = PortalAddresses.ideStream("allowance-it-" + UUID.randomUUID());
        MessageConsumer<JsonObject> consumer = await(bus.consumer(reader, ChatChunk.class, c -> {
            chunks.add(c);
            return Future.succeededFuture();
        }));
        int asked = server.received().size();
        Future<ChatReply> streamed;
        SqlConnection holder = await(db.getConnection());
        try {
            await(holder.query("BEGIN").execute());
            await(holder.query("LOCK TABLE ledger_inference_calls IN EXCLUSIVE MODE").execute());
            streamed = chat(chat(id, account, reader));

            // then: the model was asked and its first token reached the reader while the ledger has no row of the call
            Await.until("the first token at the reader", Duration.ofSeconds(60), () -> List.copyOf(chunks), l -> !l.isEmpty());
            assertThat(server.received()).hasSize(asked + 1);
            assertThat(chunks.get(0).done()).isFalse();
            assertThat(rows(id)).as("the call's row is not written while the ledger is held").isZero();
        } finally {
            await(holder.query("COMMIT").execute());
            await(holder.close());
        }
        ChatReply reply = await(streamed);
        charges.add(reply.chargedMilli());
        await(consumer.unregister());
        assertThat(reply.chargedMilli()).isEqualTo(CALL_PRICE);
        assertThat(allowanceOf(id)).as("the IDE call was paid from an allowance").isNotNull();

        // a node that was not granted the allowance may not spend it
        MeshException stolen = BusClient.toMesh(await(onServingNode.request(LedgerAddresses.INFERENCE_AUTHORIZE,
            new InferenceAuthorizeRequest("stolen-" + UUID.randomUUID(), MODEL, 0, 10, 1, 10, Actor.user(account), null, null, allowance),
            InferenceAuthorizeReply.class).map(r -> (Throwable) null).recover(Future::succeededFuture)));
        assertThat(stolen.code()).isEqualTo(ErrorCode.FORBIDDEN);

        // top-up ahead of need: below a quarter left the next allowance is asked for; the routing node closes the old one
        Await.until("the next allowance asked for ahead of need", Duration.ofSeconds(120), () -> {
            ChatReply r = await(chat(chat("more-" + UUID.randomUUID(), account, null)));
            charges.add(r.chargedMilli());
            return allowancesOf(account);
        }, held -> held.size() >= 2);
        Await.until("the replaced allowance closed by its routing node", Duration.ofSeconds(60), () -> stateOf(allowance),
            "closed"::equals);

        // and afterwards: with the account's allowances closed, what it paid is exactly what the serving node earned
        for (String open : allowancesOf(account)) {
            Await.until("allowance " + open + " closed", Duration.ofSeconds(60), () -> await(bus.request(
                LedgerAddresses.INFERENCE_ALLOWANCE_CLOSE, new InferenceAllowanceCloseRequest(open), InferenceAllowanceCloseReply.class)),
                r -> r.state().equals("closed"));
        }
        assertThat(charges).containsOnly(CALL_PRICE);
        long paid = CALL_PRICE * charges.size();
        Map<String, Long> after = balances();
        assertThat(after).containsEntry("user:" + account, -paid).containsEntry("node:" + servingNode, nodeBefore + paid);
        assertThat(after.entrySet()).filteredOn(e -> e.getKey().startsWith("allowance:") || e.getKey().startsWith("call:"))
            .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isZero());
        assertThat(after.values().stream().mapToLong(Long::longValue).sum()).isZero();
        VerifyReply verify = await(bus.request(LedgerAddresses.CHAIN_VERIFY, new VerifyRequest(), VerifyReply.class));
        assertThat(verify.ok()).as(verify.message()).isTrue();
    }

    /** As the IDE endpoint sends a call: to the inference role of its own node (A), which routes it. */
    private static Future<ChatReply> chat(ChatRequest request) {
        return bus.requestLocalFirst(InferenceAddresses.CHAT, request, ChatReply.class, Duration.ofSeconds(60));
    }

    private static ChatRequest chat(String id, String account, String streamTo) {
        return new ChatRequest(id, MODEL, List.of(ChatMessage.user("Write calc.py")), null, 0.0, Actor.user(account), "acme",
            false, null, null, streamTo);
    }

    private static String allowanceOf(String callId) throws Exception {
        var rows = await(db.preparedQuery("SELECT allowance_id FROM ledger_inference_calls WHERE call_id = $1").execute(Tuple.of(callId)));
        assertThat(rows.size()).as("call " + callId + " recorded").isEqualTo(1);
        return rows.iterator().next().getString(0);
    }

    private static long rows(String callId) throws Exception {
        return await(db.preparedQuery("SELECT count(*) FROM ledger_inference_calls WHERE call_id = $1").execute(Tuple.of(callId)))
            .iterator().next().getLong(0);
    }

    private static String stateOf(String allowanceId) throws Exception {
        return await(db.preparedQuery("SELECT state FROM ledger_allowances WHERE allowance_id = $1").execute(Tuple.of(allowanceId)))
            .iterator().next().getString(0);
    }

    private static List<String> allowancesOf(String account) throws Exception {
        List<String> out = new ArrayList<>();
        for (Row r : await(db.preparedQuery("SELECT allowance_id FROM ledger_allowances WHERE payer = $1")
            .execute(Tuple.of("user:" + account)))) {
            out.add(r.getString(0));
        }
        return out;
    }

    private static Map<String, Long> balances() throws Exception {
        return await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances();
    }

    private static Vertx member(String cluster, EnumSet<Role> roles) throws Exception {
        Vertx node = await(TestClusters.member(cluster, roles, "acme"));
        NODES.add(node);
        return node;
    }
}
