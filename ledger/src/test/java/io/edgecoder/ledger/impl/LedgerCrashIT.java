package io.edgecoder.ledger.impl;

import static io.edgecoder.ledger.LedgerTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A ledger node killed (SIGKILL) in the middle of a burst of appends loses nothing it acknowledged. */
@ExtendWith(VertxExtension.class)
@Tag("slow") // a second JVM
class LedgerCrashIT {

    @Test
    void killedNodeLeavesAValidChainWithEveryAcknowledgedEntryAndNoDuplicates(Vertx vertx) throws Exception {
        String url = LedgerTesting.migratedDatabase(vertx);
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Process node = startAppender(url);
        Thread reader = readAcks(node, acked);
        // the kill lands mid-burst: the appender keeps going after 2,000 acknowledgements (a loaded machine may take a while to reach them)
        try {
            LedgerTesting.eventually(() -> acked.size() >= 2000, 180);
        } finally {
            node.destroyForcibly(); // also when the wait failed: the appender must never outlive the test
            node.waitFor();
        }
        reader.join(10_000);

        Pool pool = LedgerTesting.pool(vertx, url, 4);
        try {
            PgLedgerStore store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT);
            VerifyReply afterCrash = await(store.verify());
            assertThat(afterCrash.ok()).as(afterCrash.message()).isTrue();
            assertThat(afterCrash.message()).doesNotContain(" 0 checkpoints");
            assertThat(storedSeqs(pool, acked)).isEqualTo(acked);

            long stored = afterCrash.entries();
            long retried = stored + 1000; // the restarted node retries everything that may have been in flight
            List<Future<LedgerEntry>> retries = new ArrayList<>();
            for (long n = 0; n < retried; n++) {
                retries.add(store.append(CrashAppender.draft(n)));
            }
            await(Future.all(retries));
            VerifyReply afterRestart = await(store.verify());
            assertThat(afterRestart.ok()).as(afterRestart.message()).isTrue();
            assertThat(afterRestart.entries()).isEqualTo(retried);
            assertThat(storedSeqs(pool, acked)).isEqualTo(acked);
        } finally {
            await(pool.close());
        }
    }

    private static Process startAppender(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            "-Dlogback.configurationFile=none", CrashAppender.class.getName(), url)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Thread readAcks(Process node, Map<String, Long> acked) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] parts = line.split(" ");
                    if (parts.length == 3 && parts[0].equals("ACK")) {
                        acked.put(parts[1], Long.parseLong(parts[2]));
                    }
                }
            } catch (java.io.IOException e) {
                // the process died: that is the point
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Map<String, Long> storedSeqs(Pool pool, Map<String, Long> acked) {
        Map<String, Long> stored = new java.util.HashMap<>();
        await(pool.preparedQuery("SELECT idempotency_key, seq FROM ledger_entries WHERE idempotency_key = ANY($1)")
            .execute(Tuple.of(acked.keySet().toArray(String[]::new))))
            .forEach(r -> stored.put(r.getString(0), r.getLong(1)));
        return stored;
    }
}
