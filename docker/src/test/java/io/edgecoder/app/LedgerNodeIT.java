package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.vertx.core.Vertx;
import java.util.EnumSet;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.merkle.Merkle;
import io.edgecoder.ledger.merkle.MerkleProofs;
import io.edgecoder.core.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;

/**
 * A real node (roles ledger and portal, embedded PostgreSQL under its data directory): the
 * economy and ledger HTTP routes against the real ledger, then {@code edgecoder ledger verify}
 * and {@code export} on that data directory, while the node runs and after it stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow") // real node processes
class LedgerNodeIT {
    private static final HexFormat HEX = HexFormat.of();
    @RegisterExtension
    static final SingleNode node = SingleNode.of("ledger-node-it", Map.of(
        ConfigKeys.ROLES, "ledger,portal",
        "ledger.btc.usd", "100000",
        LedgerConfig.CHECKPOINT_INTERVAL_MS, "100"));
    /** A second node of the deployment acting as the coordinator: only coordinators may settle. */
    private static Vertx coordinator;

    @BeforeAll
    static void startCoordinator() throws Exception {
        coordinator = TestNodes.deploymentMember(node.dataDir(), node.clusterName(), node.clusterPort(), EnumSet.of(Role.COORDINATOR));
    }

    @AfterAll
    static void stopCoordinator() throws Exception {
        if (coordinator != null) {
            coordinator.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void buyingCreditsOverHttpMintsThemOnceIntoTheCallersHistory() throws Exception {
        JsonObject quote = ok(post("/api/v1/economy/quotes", new JsonObject().put("direction", "buy").put("creditsMilli", 50_000)));
        HttpResponse<String> created = post("/api/v1/economy/intents", new JsonObject().put("quote", quote));
        JsonObject intent = new JsonObject(created.body());
        String id = intent.getString("id");
        String proof = "received " + quote.getLong("sats") + " sats for " + id;
        JsonObject settled = ok(post("/api/v1/economy/intents/" + id + "/settle", new JsonObject().put("proof", proof)));
        JsonObject again = ok(post("/api/v1/economy/intents/" + id + "/settle", new JsonObject().put("proof", proof)));
        JsonObject read = ok(get("/api/v1/economy/intents/" + id));
        JsonArray history = ok(get("/api/v1/ledger/accounts/user:admin/history")).getJsonArray("entries");

        assertThat(quote.getLong("sats")).as("50 credits at 0.01 USD and 100,000 USD/BTC").isEqualTo(500);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/economy/intents/" + id);
        assertThat(intent.getString("status")).isEqualTo("pending");
        assertThat(intent.getString("account")).isEqualTo("user:admin");
        assertThat(settled.getString("status")).isEqualTo("settled");
        assertThat(again.getLong("mintSeq")).as("settling twice mints once").isEqualTo(settled.getLong("mintSeq"));
        assertThat(read.getString("status")).isEqualTo("settled");
        assertThat(history).hasSize(1);
        assertThat(history.getJsonObject(0).getMap()).containsEntry("kind", "mint").containsEntry("from", "mint")
            .containsEntry("to", "user:admin").containsEntry("amountMilli", 50_000)
            .containsEntry("reference", "intent:" + id);
    }

    @Test
    @Order(2)
    void anAlteredQuoteIsRefusedByTheLedger() throws Exception {
        JsonObject quote = ok(post("/api/v1/economy/quotes", new JsonObject().put("direction", "buy").put("creditsMilli", 1000)));

        HttpResponse<String> refused = post("/api/v1/economy/intents",
            new JsonObject().put("quote", quote.put("creditsMilli", 1_000_000)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getString("message")).contains("altered");
    }

    @Test
    @Order(3)
    void settledWorkHasInclusionAndConsistencyProofsThatVerifyAgainstSignedCheckpoints() throws Exception {
        long first = settleAndAwaitCheckpoint("job-p1", "a-p1");
        long second = settleAndAwaitCheckpoint("job-p2", "a-p2");
        JsonArray checkpoints = ok(get("/api/v1/ledger/checkpoints")).getJsonArray("checkpoints");
        JsonObject last = checkpoints.getJsonObject(checkpoints.size() - 1);
        JsonObject earlier = checkpoints.getJsonObject(0);
        JsonObject entry = ok(get("/api/v1/ledger/accounts/node:w-proof/history?limit=1")).getJsonArray("entries").getJsonObject(0);

        JsonObject inclusion = ok(get("/api/v1/ledger/proofs/inclusion?seq=" + first + "&checkpoint=" + last.getLong("id")));
        JsonObject consistency = ok(get("/api/v1/ledger/proofs/consistency?from=" + earlier.getLong("id")
            + "&to=" + last.getLong("id")));

        assertThat(second).isGreaterThan(first);
        assertThat(inclusion.getString("entryHash")).isEqualTo(entry.getString("hash"));
        assertThat(inclusion.getString("root")).isEqualTo(last.getString("root"));
        assertThat(MerkleProofs.verifyInclusion(first - 1, inclusion.getLong("treeSize"),
            Merkle.leafHash(HEX.parseHex(entry.getString("hash"))), hashes(inclusion.getJsonArray("path")),
            HEX.parseHex(last.getString("root")))).isTrue();
        assertThat(MerkleProofs.verifyConsistency(earlier.getLong("treeSize"), last.getLong("treeSize"),
            HEX.parseHex(earlier.getString("root")), HEX.parseHex(last.getString("root")),
            hashes(consistency.getJsonArray("path")))).isTrue();
    }

    @Test
    @Order(4)
    void priceAndIssuanceAreServedAndBadParametersNeverReachTheLedger() throws Exception {
        JsonObject price = ok(get("/api/v1/economy/price"));
        JsonObject current = ok(get("/api/v1/economy/issuance/current"));
        JsonObject history = ok(get("/api/v1/economy/issuance/history?limit=5"));
        HttpResponse<String> bad = get("/api/v1/ledger/proofs/inclusion?seq=zero");

        assertThat(price.getLong("priceMilli")).isBetween(price.getLong("minMilli"), price.getLong("maxMilli"));
        assertThat(price.getLong("baseMilli")).isEqualTo(1000);
        assertThat(current.containsKey("window")).isTrue();
        assertThat(history.getJsonArray("windows")).isNotNull();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("message")).startsWith("seq:");
    }

    @Test
    @Order(5)
    void theLedgerVerifiesOverHttpTrustingItsOwnCheckpointKey() throws Exception {
        JsonObject verify = ok(get("/api/v1/ledger/verify"));

        assertThat(verify.getBoolean("ok")).as(verify.encode()).isTrue();
        assertThat(verify.getLong("checkpoints")).isPositive();
        assertThat(verify.getLong("unchecked")).isBetween(0L, verify.getLong("entries"));
        assertThat(verify.getBoolean("complete")).isEqualTo(verify.getLong("unchecked") == 0);
        assertThat(verify.getString("message")).startsWith("ok: " + verify.getLong("entries") + " entries");
    }

    @Test
    @Order(10)
    void ledgerVerifyReadsTheDataDirectoryWhileTheNodeRunsAndAfterItStopped() throws Exception {
        EdgecoderCli.Result running = EdgecoderCli.run("ledger", "verify", "--data-dir", node.dataDir().toString());
        node.node().close();
        EdgecoderCli.Result stopped = EdgecoderCli.run("ledger", "verify", "--data-dir", node.dataDir().toString());
        Path file = node.dataDir().resolve("export.jsonl");
        EdgecoderCli.Result export = EdgecoderCli.run("ledger", "export", "--data-dir", node.dataDir().toString(),
            "--out", file.toString());
        EdgecoderCli.Result offline = EdgecoderCli.run("ledger", "verify", "--file", file.toString(),
            "--data-dir", node.dataDir().toString());
        String password = Files.readString(node.dataDir().resolve("pg/edgecoder-app.password")).strip();

        assertThat(running.status()).as(running.output()).isZero();
        assertThat(running.output()).contains("in use by a running node").containsPattern("ok: 3 entries and \\d+ checkpoints")
            .doesNotContain(password);
        assertThat(stopped.status()).as(stopped.output()).isZero();
        assertThat(stopped.output()).containsPattern("ok: 3 entries and \\d+ checkpoints");
        assertThat(export.status()).as(export.output()).isZero();
        assertThat(offline.status()).as(offline.output()).isZero();
        assertThat(offline.output()).containsPattern("ok: 3 entries and \\d+ checkpoints");
    }

    /** Settles one contribution of node w-proof through the bus; answers its seq once a checkpoint covers it. */
    private static long settleAndAwaitCheckpoint(String job, String attempt) throws Exception {
        BusClient bus = new BusClient(coordinator, Duration.ofSeconds(30));
        SettleJobReply reply = await(bus.request(LedgerAddresses.JOB_SETTLE, new SettleJobRequest(job, "bob", true,
            List.of(new Contribution(attempt, "w-proof", 1200))), SettleJobReply.class));
        assertThat(reply.entries()).isEqualTo(1);
        JsonArray entries = ok(get("/api/v1/ledger/accounts/user:bob/history?limit=1000")).getJsonArray("entries");
        long seq = entries.getJsonObject(entries.size() - 1).getLong("seq");
        Await.until("a checkpoint covering entry " + seq, Duration.ofSeconds(30),
            () -> ok(get("/api/v1/ledger/checkpoints")).getJsonArray("checkpoints"),
            cps -> !cps.isEmpty() && cps.getJsonObject(cps.size() - 1).getLong("treeSize") >= seq);
        return seq;
    }

    private static List<byte[]> hashes(JsonArray hex) {
        return hex.stream().map(h -> HEX.parseHex((String) h)).toList();
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return node.call("GET", path, null);
    }

    private static HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return node.call("POST", path, body);
    }
}
