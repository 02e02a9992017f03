package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.app.rogue.RogueMain;
import io.edgecoder.core.Json;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.testing.Await;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks of the trust issue, made by a real separate JVM that joins the node's Hazelcast
 * cluster with the right name but without a certificate from the deployment CA: every attack
 * fails, and afterwards balances, job verdicts, the price, anchors and the worker list show
 * nothing it tried.
 */
@Tag("slow")
class RogueJvmIT {
    private static final List<JsonObject> ROGUE_LINES = new CopyOnWriteArrayList<>();
    @RegisterExtension
    static final SingleNode node = SingleNode.of("rogue-it", Map.of(ConfigKeys.WORKER_SLOTS, "2"));
    private static Process rogue;
    private static Writer rogueIn;

    @BeforeAll
    static void start() throws Exception {
        rogue = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), RogueMain.class.getName(), "127.0.0.1",
            String.valueOf(node.clusterPort()), node.clusterName())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        rogueIn = new OutputStreamWriter(rogue.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(RogueJvmIT::readRogue, "rogue-reader");
        reader.setDaemon(true);
        reader.start();
        Await.until("the rogue joining Hazelcast", Duration.ofSeconds(90), () -> List.copyOf(ROGUE_LINES),
            lines -> lines.stream().anyMatch(l -> l.getInteger("joined", 0) >= 2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (rogue != null && rogue.isAlive()) {
            rogue.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void readRogue() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(rogue.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    ROGUE_LINES.add(new JsonObject(line));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static void tell(String command) throws IOException {
        rogueIn.write(command + "\n");
        rogueIn.flush();
    }

    @Test
    void everyAttackOfARogueMemberFailsAndLeavesNoTrace() throws Exception {
        List<String> accountsBefore = accounts(getJson("/api/v1/ledger/balances"));

        tell("attack");
        List<JsonObject> attacks = Await.until("the rogue's attacks", Duration.ofSeconds(120), () -> attackLines(),
            lines -> lines.stream().anyMatch(l -> "rogue account".equals(l.getString("attack"))));
        String failing = submit(Jobs.FAILING);
        String passing = submit(Jobs.PASSING);
        JsonObject failed = awaitFinished(failing);
        JsonObject passed = awaitFinished(passing);
        tell("poison");
        Await.until("the poisoning", Duration.ofSeconds(30), RogueJvmIT::attackLines,
            lines -> lines.stream().anyMatch(l -> l.getString("attack").startsWith("delete the planner")));
        String afterPoison = submit(Jobs.PASSING);
        JsonObject poisoned = Await.until("the job after the poisoning to be attempted", Duration.ofSeconds(60),
            () -> getJson("/api/v1/jobs/" + afterPoison), v -> !"queued".equals(v.getString("status")));
        tell("report");
        JsonObject report = Await.until("the rogue's report", Duration.ofSeconds(60), () -> List.copyOf(ROGUE_LINES),
            lines -> lines.stream().anyMatch(l -> l.containsKey("received"))).stream()
            .filter(l -> l.containsKey("received")).findFirst().orElseThrow();

        assertThat(attacks).filteredOn(l -> "SUCCEEDED".equals(l.getString("outcome"))).as("attacks that got an answer").isEmpty();
        assertThat(attacks.stream().filter(l -> "refused".equals(l.getString("outcome"))).count()).isGreaterThanOrEqualTo(6);
        assertThat(report.getInteger("received")).as("messages handed to the rogue: " + report.getJsonArray("samples")).isZero();
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getBoolean("verified")).isFalse();
        assertThat(passed.getString("status")).isEqualTo("succeeded");
        assertThat(passed.getBoolean("verified")).isTrue();
        assertThat(poisoned.getBoolean("verified", false) && !"succeeded".equals(poisoned.getString("status"))).isFalse();
        assertThat(accounts(getJson("/api/v1/ledger/balances"))).noneMatch(a -> a.contains("rogue"));
        JsonObject price = getJson("/api/v1/economy/price");
        assertThat(price.getDouble("load")).as("the load the ledger last heard of: %s", price).isLessThan(1000.0);
        assertThat(price.getLong("priceMilli")).as("price %s", price).isLessThan(price.getLong("maxMilli"));
        assertThat(getJson("/api/v1/workers").getJsonArray("workers").encode()).doesNotContain("nrogue");
        assertThat(getJson("/api/v1/ledger/verify").encode()).doesNotContain("FAILED");
        assertThat(accountsBefore).noneMatch(a -> a.contains("rogue"));
    }

    private static List<JsonObject> attackLines() {
        return ROGUE_LINES.stream().filter(l -> l.containsKey("attack")).toList();
    }

    private static List<String> accounts(JsonObject balances) {
        return List.copyOf(balances.getJsonObject("balances", new JsonObject()).fieldNames());
    }

    private static String submit(String test) throws Exception {
        Map<String, Object> job = Map.of("title", "rogue it", "language", "python",
            "files", Map.of("calc.py", Jobs.CALC, "test_calc.py", test), "tests", List.of("test_calc.py"),
            "locality", "local-only", "timeoutSeconds", 60);
        HttpResponse<String> r = node.call("POST", "/api/v1/jobs", new JsonObject(Json.write(job)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return new JsonObject(r.body()).getString("id");
    }

    private static JsonObject awaitFinished(String id) throws Exception {
        return Await.until("job " + id + " finishing", Duration.ofSeconds(120), () -> getJson("/api/v1/jobs/" + id),
            v -> v.getString("finishedAt") != null);
    }

    private static JsonObject getJson(String path) throws Exception {
        return SingleNode.json(node.call("GET", path, null));
    }
}
