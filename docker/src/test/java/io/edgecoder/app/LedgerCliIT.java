package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.SettleJobReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.edgecoder.core.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * {@code edgecoder ledger export|verify} from the built jar, as real processes, against a real
 * ledger (LedgerVerticle on a fresh PostgreSQL database) that settled jobs through the bus.
 */
@Tag("slow") // runs the launcher as a process for each command
class LedgerCliIT {
    private static final NodeIdentity LEDGER = NodeIdentity.ephemeral();
    private static Vertx vertx;
    private static String dbUrl;
    private static Path dir;

    @BeforeAll
    static void ledgerWithTwoSettledJobs() throws Exception {
        vertx = Vertx.vertx();
        dbUrl = TestDatabase.freshDatabase();
        dir = Files.createTempDirectory("edgecoder-ledger-cli");
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(LedgerConfig.CHECKPOINT_INTERVAL_MS, "100",
            "ledger.issuance.enabled", "false"));
        await(vertx.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, dbUrl, LEDGER))));
        BusClient bus = new BusClient(vertx, Duration.ofSeconds(30));
        settle(bus, "job-1", List.of(new Contribution("a1", "w1", 1500), new Contribution("a2", "w2", 500)));
        settle(bus, "job-2", List.of(new Contribution("a3", "w1", 700), new Contribution("a4", "w2", 300)));
        awaitCheckpointCovering(bus, 4);
    }

    private static void settle(BusClient bus, String job, List<Contribution> work) throws Exception {
        SettleJobReply reply = await(bus.request(LedgerAddresses.JOB_SETTLE, new SettleJobRequest(job, "alice", true, work),
            SettleJobReply.class));
        assertThat(reply.entries()).isEqualTo(work.size());
    }

    private static void awaitCheckpointCovering(BusClient bus, long entries) throws Exception {
        Await.until("a checkpoint covering " + entries + " entries", Duration.ofSeconds(30),
            () -> await(bus.request(EconomyAddresses.CHECKPOINT_LIST, new CheckpointListRequest(), CheckpointListReply.class))
                .checkpoints(),
            cps -> !cps.isEmpty() && cps.get(cps.size() - 1).treeSize() == entries);
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close());
        EdgecoderCli.deleteTree(dir);
    }

    @Test
    void exportVerifiesOfflineAndAChangedAmountFailsNamingItsSequence() throws Exception {
        Path file = dir.resolve("ledger.jsonl");

        EdgecoderCli.Result export = EdgecoderCli.run("ledger", "export", "--db-url", dbUrl, "--out", file.toString());
        EdgecoderCli.Result intact = EdgecoderCli.run("ledger", "verify", "--file", file.toString(),
            "--trust", LEDGER.publicKeyBase64());
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, withAmountChanged(Files.readAllLines(file), 3));
        EdgecoderCli.Result broken = EdgecoderCli.run("ledger", "verify", "--file", tampered.toString(),
            "--trust", LEDGER.publicKeyBase64());

        assertThat(export.status()).as(export.output()).isZero();
        assertThat(export.output()).contains("exported 4 entries to " + file);
        assertThat(intact.status()).as(intact.output()).isZero();
        assertThat(intact.output()).containsPattern("ok: 4 entries and [12] checkpoints verified");
        assertThat(broken.status()).as(broken.output()).isEqualTo(1);
        assertThat(broken.output()).contains("FAILED at entry 3:");
    }

    @Test
    void databaseVerifiesWithTheSignersKeyAndFailsWithAnotherOne() throws Exception {
        EdgecoderCli.Result trusted = EdgecoderCli.run("ledger", "verify", "--db-url", dbUrl,
            "--trust", LEDGER.publicKeyBase64());
        EdgecoderCli.Result foreign = EdgecoderCli.run("ledger", "verify", "--db-url", dbUrl,
            "--trust", NodeIdentity.ephemeral().publicKeyBase64());

        assertThat(trusted.status()).as(trusted.output()).isZero();
        assertThat(foreign.status()).as(foreign.output()).isEqualTo(1);
        assertThat(foreign.output()).contains("FAILED").contains("checkpoint 1");
    }

    @Test
    void aFileSignedByAnUnknownKeyFailsNamingItUnlessAnySignerIsAccepted() throws Exception {
        Path file = dir.resolve("unknown-signer.jsonl");
        EdgecoderCli.run("ledger", "export", "--db-url", dbUrl, "--out", file.toString());

        EdgecoderCli.Result unknown = EdgecoderCli.run("ledger", "verify", "--file", file.toString());
        EdgecoderCli.Result anyone = EdgecoderCli.run("ledger", "verify", "--file", file.toString(), "--trust-any-signer");

        assertThat(unknown.status()).as(unknown.output()).isEqualTo(1);
        assertThat(unknown.output()).contains("checkpoint 1 is signed by " + LEDGER.publicKeyBase64())
            .contains("not a trusted key").contains("--trust-any-signer");
        assertThat(anyone.status()).as(anyone.output()).isZero();
    }

    @Test
    void entriesAfterTheLastCheckpointAreCountedAndExitThree() throws Exception {
        Path file = dir.resolve("export.jsonl");
        EdgecoderCli.run("ledger", "export", "--db-url", dbUrl, "--out", file.toString());
        List<String> lines = Files.readAllLines(file);
        String lastCheckpoint = lines.stream().filter(l -> l.startsWith("{\"t\":\"c\"")).reduce((a, b) -> b).orElseThrow();
        long treeSize = new JsonObject(lastCheckpoint).getLong("treeSize");
        Path tail = dir.resolve("tail.jsonl");
        Files.write(tail, lines.stream().filter(l -> !l.equals(lastCheckpoint)).toList());

        EdgecoderCli.Result result = EdgecoderCli.run("ledger", "verify", "--file", tail.toString(),
            "--trust", LEDGER.publicKeyBase64());

        long covered = lines.stream().filter(l -> l.startsWith("{\"t\":\"c\"") && !l.equals(lastCheckpoint))
            .mapToLong(l -> new JsonObject(l).getLong("treeSize")).max().orElse(0);
        assertThat(result.status()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("ok: 4 entries and").contains("; " + (treeSize - covered)
            + " entries after the last checkpoint are not covered by a signed checkpoint");
    }

    @Test
    void usageErrorsExitWithTwoAndAHint() throws Exception {
        EdgecoderCli.Result noOut = EdgecoderCli.run("ledger", "export", "--db-url", dbUrl);

        assertThat(noOut.status()).isEqualTo(2);
        assertThat(noOut.output()).contains("ledger export needs --out FILE").contains("edgecoder --help");
    }

    /** The export with entry {@code seq}'s amount raised by one milli-credit, nothing else changed. */
    private static List<String> withAmountChanged(List<String> lines, long seq) {
        boolean[] changed = {false};
        List<String> out = lines.stream().map(line -> {
            JsonObject json = new JsonObject(line);
            if (!"e".equals(json.getString("t")) || json.getLong("seq") != seq) {
                return line;
            }
            changed[0] = true;
            return json.put("amount", json.getLong("amount") + 1).encode();
        }).toList();
        assertThat(changed[0]).as("entry " + seq + " is in the export").isTrue();
        return out;
    }
}
