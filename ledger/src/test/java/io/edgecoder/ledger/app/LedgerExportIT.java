package io.edgecoder.ledger.app;

import static io.edgecoder.ledger.LedgerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.impl.PgCheckpoints;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Export through the tool, then verify the file offline: intact, and after edits to the file. */
@ExtendWith(VertxExtension.class)
class LedgerExportIT {
    private final NodeIdentity identity = NodeIdentity.ephemeral();
    private String url;
    private Pool pool;
    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void ledgerWithCheckpoints(Vertx vertx) {
        url = LedgerTesting.migratedDatabase(vertx);
        pool = LedgerTesting.pool(vertx, url, 2);
        PgLedgerStore store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT);
        PgCheckpoints checkpoints = new PgCheckpoints(vertx, pool, identity, Clock.systemUTC());
        for (int round = 0; round < 3; round++) {
            List<Future<LedgerEntry>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = round * 8 + i + 1;
                all.add(store.append(new EntryDraft(EntryKind.EARN, "user:u" + n % 3, "node:w" + n % 2, 10 + n,
                    "job:" + n, "k" + n)));
            }
            await(Future.all(all));
            await(checkpoints.createNow());
        }
        file = dir.resolve("ledger.jsonl");
        assertThat(tool("export", "--db-url", url, "--file", file.toString())).startsWith("0 exported 24 entries");
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    /** Runs the tool; answers "<exit status> <first output line>". */
    private static String tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerTool.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return status + " " + out.toString(StandardCharsets.UTF_8).trim() + err.toString(StandardCharsets.UTF_8).trim();
    }

    /** Verifies the file trusting the key that signed its checkpoints, as the node's own key is trusted. */
    private String verifyFile() {
        return tool("verify", "--file", file.toString(), "--trust", identity.publicKeyBase64());
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }

    private void rewrite(List<String> lines) throws Exception {
        Files.write(file, lines);
    }

    /** The line of entry {@code seq} (the file holds the header, 3 checkpoints, balances, then entries). */
    private static Predicate<String> entry(long seq) {
        return l -> l.startsWith("{\"t\":\"e\",\"seq\":" + seq + ",");
    }

    private int entryLine(List<String> lines, long seq) {
        return lineWhere(lines, entry(seq));
    }

    private static int lineWhere(List<String> lines, Predicate<String> which) {
        for (int i = 0; i < lines.size(); i++) {
            if (which.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in the export");
    }

    /** Rewrites the file with its first line matching {@code which} edited. */
    private void editLine(Predicate<String> which, UnaryOperator<String> edit) throws Exception {
        List<String> lines = lines();
        int i = lineWhere(lines, which);
        lines.set(i, edit.apply(lines.get(i)));
        rewrite(lines);
    }

    @Test
    void exportedFileVerifiesOfflineLikeTheDatabase() {
        assertThat(verifyFile()).isEqualTo("0 ok: 24 entries and 3 checkpoints verified");
        assertThat(tool("verify", "--db-url", url, "--trust", identity.publicKeyBase64()))
            .isEqualTo("0 ok: 24 entries and 3 checkpoints verified");
        assertThat(tool("verify", "--file", file.toString(), "--trust", NodeIdentity.ephemeral().publicKeyBase64()))
            .startsWith("1 FAILED").contains("checkpoint 1 is signed by " + identity.publicKeyBase64());
        assertThat(tool("verify", "--file", file.toString())).startsWith("1 FAILED: checkpoint 1 is signed by "
            + identity.publicKeyBase64() + ", which is not a trusted key");
        assertThat(tool("verify", "--file", file.toString(), "--trust-any-signer")).startsWith("0 ok");
        assertThat(tool("verify", "--file", file.toString(), "--trust", "not-a-key")).startsWith("2 error: --trust needs");
    }

    @Test
    void changedAmountInTheFileIsNamed() throws Exception {
        editLine(entry(13), l -> l.replace("\"amount\":23,", "\"amount\":24,"));
        assertThat(verifyFile()).startsWith("1 FAILED at entry 13:");
    }

    @Test
    void deletedLineIsNamed() throws Exception {
        List<String> lines = lines();
        lines.remove(entryLine(lines, 5));
        rewrite(lines);
        assertThat(verifyFile()).startsWith("1 FAILED at entry 5:").contains("missing");
    }

    @Test
    void swappedLinesAreNamed() throws Exception {
        List<String> lines = lines();
        Collections.swap(lines, entryLine(lines, 7), entryLine(lines, 9));
        rewrite(lines);
        assertThat(verifyFile()).startsWith("1 FAILED at entry 7:");
    }

    @Test
    void editedCheckpointInTheFileIsNamed() throws Exception {
        editLine(l -> l.contains("\"id\":2,"), l -> l.replace("\"treeSize\":16", "\"treeSize\":15"));
        assertThat(verifyFile()).startsWith("1 FAILED").contains("checkpoint 2");
    }

    @Test
    void editedBalanceInTheFileIsNamed() throws Exception {
        editLine(l -> l.contains("\"account\":\"node:w1\""), l -> l.replaceAll("\"balance\":(\\d+)", "\"balance\":1$1"));
        assertThat(verifyFile()).startsWith("1 FAILED: stored balance of node:w1");
    }

    @Test
    void badUsageAndUnreadableFilesExitWithTwo() {
        assertThat(tool()).startsWith("2 error: missing command");
        assertThat(tool("verify")).startsWith("2 error: verify needs --db-url");
        assertThat(tool("verify", "--file", dir.resolve("absent").toString())).startsWith("2 error:");
        assertThat(tool("frobnicate")).startsWith("2 error: unknown command");
    }
}
