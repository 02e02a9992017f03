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
import io.edgecoder.ledger.verify.BatchVerifier;
import io.edgecoder.ledger.verify.EntryBatch;
import io.edgecoder.core.Json;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
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
 * second from the database, from an export file, and in memory (the batch verifier over
 * decoded batches, and the simple entry-object verifier), each repeated for a number of rounds
 * (the first includes JIT warm-up). Before verifying it runs VACUUM ANALYZE, so PostgreSQL's
 * own clean-up of the freshly written table (autovacuum, hint bits) does not land inside a
 * verify timing. Each line also gives the CPU time this JVM used (the PostgreSQL server's is not
 * included). Arguments: entries (200000), appends in flight (4000),
 * verify rounds (3). Run: see docs/benchmarks.md, "Ledger".
 */
public final class LedgerBench {
    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Vertx vertx = Vertx.vertx();
        String url = LedgerTesting.migratedDatabase(vertx);
        Pool pool = LedgerTesting.pool(vertx, url, 4);
        PgLedgerStore store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, PgLedgerStore.Tuning.DEFAULT);
        PgCheckpoints checkpoints = new PgCheckpoints(vertx, pool, NodeIdentity.ephemeral(), Clock.systemUTC());
        CheckpointScheduler scheduler = new CheckpointScheduler(vertx, checkpoints, 10_000, Duration.ofSeconds(60),
            Duration.ofMillis(100));
        System.out.printf("ledger bench: %d entries, %d in flight, %d cores, Java %s, load average %.1f%n", entries,
            inFlight, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        scheduler.start();
        long t0 = System.nanoTime();
        appendAll(vertx, store, entries, inFlight);
        double appendSeconds = seconds(t0);
        scheduler.stop();
        await(checkpoints.createNow());
        report("appends (group commit, chain, checkpoints every 10k)", entries, appendSeconds);
        long tv = System.nanoTime();
        await(pool.query("VACUUM ANALYZE ledger_entries").execute());
        report("VACUUM ANALYZE after the bulk append (not part of any figure)", entries, seconds(tv));

        Path file = Files.createTempFile("ledger-bench", ".jsonl");
        long t2 = System.nanoTime();
        long exported = await(new PgLedgerExport(vertx, pool, 10_000).export(file));
        report("exported to " + file.getFileName(), exported, seconds(t2));

        for (int round = 1; round <= rounds; round++) {
            System.out.println("verify round " + round + " of " + rounds + (round == 1 ? " (includes JIT warm-up)" : ""));
            timed("verified from PostgreSQL", () -> await(store.verify()));
            timed("verified offline from the export file", () -> ExportVerifier.verify(file, Set.of(io.edgecoder.ledger.verify.CheckpointCheck.ANY_SIGNER)));
        }
        inMemory(file, rounds);
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

    /** A verification to time. */
    private interface Verification {
        VerifyReply run() throws Exception;
    }

    private static void timed(String what, Verification verification) throws Exception {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        VerifyReply reply = verification.run();
        double s = seconds(start);
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        System.out.printf("  %-72s %9d in %6.3f s = %,10.0f /s  (JVM CPU %.2f s)%s%n", what, reply.entries(), s,
            reply.entries() / s, cpuSeconds, reply.ok() ? "" : "  FAILED: " + reply.message());
        if (!reply.message().startsWith("ok: " + reply.entries() + " entries and 0 ")) {
            System.out.println("    " + reply.message());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    private static List<EntryBatch> batches(List<LedgerEntry> entries) {
        List<EntryBatch> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += 8192) {
            EntryBatch batch = new EntryBatch(8192);
            entries.subList(i, Math.min(entries.size(), i + 8192)).forEach(batch::add);
            out.add(batch);
        }
        return out;
    }

    /** Hashing alone, over entries decoded beforehand (kept only for this part, so they do not burden the rest). */
    private static void inMemory(Path file, int rounds) throws Exception {
        List<LedgerEntry> entries = readEntries(file);
        List<EntryBatch> batches = batches(entries);
        for (int round = 1; round <= rounds; round++) {
            System.out.println("in memory, round " + round + " of " + rounds);
            timed("verified in memory, batch verifier (hashing and Merkle leaves only)", () -> inMemory(batches));
            timed("verified in memory, simple verifier over entry objects", () -> simple(entries));
        }
    }

    private static VerifyReply inMemory(List<EntryBatch> batches) throws Exception {
        BatchVerifier verifier = new BatchVerifier(List.of(), Set.of());
        for (EntryBatch batch : batches) {
            verifier.accept(batch);
        }
        return new VerifyReply(!verifier.failed(), verifier.verified(), null, verifier.summary());
    }

    private static VerifyReply simple(List<LedgerEntry> entries) {
        ChainVerifier verifier = new ChainVerifier(List.of(), Set.of());
        entries.forEach(verifier::accept);
        return new VerifyReply(!verifier.failed(), verifier.verified(), null, verifier.summary());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void report(String what, long count, double seconds) {
        System.out.printf("%-90s %9d in %6.2f s = %,10.0f /s%n", what, count, seconds, count / seconds);
    }
}
