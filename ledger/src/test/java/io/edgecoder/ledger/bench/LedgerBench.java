package io.edgecoder.ledger.bench;

import static io.edgecoder.ledger.LedgerTesting.await;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.export.ExportLine;
import io.edgecoder.ledger.export.ExportVerifier;
import io.edgecoder.ledger.impl.CheckpointScheduler;
import io.edgecoder.ledger.impl.PgCheckpoints;
import io.edgecoder.ledger.impl.PgLedgerExport;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.edgecoder.core.Json;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger throughput on the embedded PostgreSQL: appends per second through the group commit
 * with the chain and background checkpoints (every 10,000 entries), then entries verified per
 * second from the database, from an export file, and in memory. Arguments: entries (200000),
 * appends in flight (4000). Run: see docs/benchmarks.md, "Ledger".
 */
public final class LedgerBench {
    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        Vertx vertx = Vertx.vertx();
        String url = LedgerTesting.migratedDatabase(vertx);
        Pool pool = LedgerTesting.pool(vertx, url, 4);
        PgLedgerStore store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT);
        PgCheckpoints checkpoints = new PgCheckpoints(vertx, pool, NodeIdentity.ephemeral(), Clock.systemUTC());
        CheckpointScheduler scheduler = new CheckpointScheduler(vertx, checkpoints, 10_000, Duration.ofSeconds(60),
            Duration.ofMillis(100));
        System.out.printf("ledger bench: %d entries, %d in flight, %d cores, Java %s%n", entries, inFlight,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        scheduler.start();
        long t0 = System.nanoTime();
        appendAll(vertx, store, entries, inFlight);
        double appendSeconds = seconds(t0);
        scheduler.stop();
        await(checkpoints.createNow());
        report("appends (group commit, chain, checkpoints every 10k)", entries, appendSeconds);

        long t1 = System.nanoTime();
        VerifyReply db = await(store.verify());
        report("verified from PostgreSQL (" + db.message() + ")", db.entries(), seconds(t1));

        Path file = Files.createTempFile("ledger-bench", ".jsonl");
        long t2 = System.nanoTime();
        long exported = await(new PgLedgerExport(vertx, pool, 10_000).export(file));
        report("exported to " + file.getFileName(), exported, seconds(t2));

        long t3 = System.nanoTime();
        VerifyReply offline = ExportVerifier.verify(file, Set.of());
        report("verified offline from the export file (" + offline.message() + ")", offline.entries(), seconds(t3));

        List<LedgerEntry> inMemory = readEntries(file);
        long t4 = System.nanoTime();
        ChainVerifier verifier = new ChainVerifier(List.of(), Set.of());
        inMemory.forEach(verifier::accept);
        report("verified in memory (chain hashes and Merkle leaves, no parsing)", verifier.verified(), seconds(t4));

        Files.deleteIfExists(file);
        await(pool.close());
        await(vertx.close());
        System.exit(0);
    }

    private static void appendAll(Vertx vertx, PgLedgerStore store, int entries, int inFlight) {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Promise<Void> finished = Promise.promise();
        vertx.runOnContext(v -> {
            for (int i = 0; i < inFlight; i++) {
                appendNext(store, entries, next, done, finished);
            }
        });
        await(finished.future());
    }

    private static void appendNext(PgLedgerStore store, int entries, AtomicLong next, AtomicLong done,
                                   Promise<Void> finished) {
        long n = next.getAndIncrement();
        if (n >= entries) {
            return;
        }
        EntryDraft draft = new EntryDraft(EntryKind.EARN, "user:u" + n % 100, "node:w" + n % 50, 1 + n % 1000,
            "job:" + n / 3, "bench-" + n);
        store.append(draft).onComplete(ar -> {
            if (ar.failed()) {
                finished.tryFail(ar.cause());
                return;
            }
            if (done.incrementAndGet() == entries) {
                finished.tryComplete();
            }
            appendNext(store, entries, next, done, finished);
        });
    }

    private static List<LedgerEntry> readEntries(Path file) throws Exception {
        List<LedgerEntry> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            ExportLine l = Json.MAPPER.readValue(line, ExportLine.class);
            if ("e".equals(l.t())) {
                out.add(l.entry());
            }
        }
        return out;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void report(String what, long count, double seconds) {
        System.out.printf("%-90s %9d in %6.2f s = %,10.0f /s%n", what, count, seconds, count / seconds);
    }
}
