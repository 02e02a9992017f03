package io.edgecoder.ledger.impl;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ledger node for the crash test, run in its own JVM: appends entries {@code crash-<n>}
 * with 300 in flight and checkpoints every 500 entries, printing "ACK key seq" after each
 * commit, until it is killed.
 */
public final class CrashAppender {
    private static final int IN_FLIGHT = 300;
    private static final AtomicLong NEXT = new AtomicLong();

    private CrashAppender() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        Pool pool = LedgerTesting.pool(vertx, args[0], 4);
        PgLedgerStore store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL,
            new PgLedgerStore.Tuning(200, 100_000, 0, 1000));
        PgCheckpoints checkpoints = new PgCheckpoints(vertx, pool, NodeIdentity.ephemeral(), Clock.systemUTC());
        PrintStream out = new PrintStream(System.out, false);
        vertx.setPeriodic(20, id -> checkpoints.createIfDue(500, Duration.ofHours(1)));
        for (int i = 0; i < IN_FLIGHT; i++) {
            appendNext(store, out);
        }
    }

    private static void appendNext(PgLedgerStore store, PrintStream out) {
        long n = NEXT.getAndIncrement();
        store.append(draft(n)).onComplete(ar -> {
            if (ar.succeeded()) {
                synchronized (out) {
                    out.println("ACK " + ar.result().idempotencyKey() + " " + ar.result().seq());
                    out.flush();
                }
            }
            appendNext(store, out);
        });
    }

    static EntryDraft draft(long n) {
        return new EntryDraft(EntryKind.EARN, "user:u" + n % 7, "node:w" + n % 5, 1 + n % 97, "job:crash", "crash-" + n);
    }
}
