package io.edgecoder.ledger.impl;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link LedgerStore} on PostgreSQL through the Vert.x PG client. Appends go through the
 * group-commit {@link AppendQueue}; each batch is one transaction under the chain-head row
 * lock, so several nodes may share one database and still build one chain.
 */
public final class PgLedgerStore implements LedgerStore {
    private static final String BY_REFERENCE = "SELECT " + EntryRows.COLUMNS
        + " FROM ledger_entries WHERE reference = $1 ORDER BY seq";
    private static final String HISTORY = "SELECT " + EntryRows.COLUMNS + " FROM ("
        + "(SELECT * FROM ledger_entries WHERE from_account = $1 AND seq > $2 ORDER BY seq LIMIT $3)"
        + " UNION ALL (SELECT * FROM ledger_entries WHERE to_account = $1 AND seq > $2 ORDER BY seq LIMIT $3)"
        + ") e ORDER BY seq LIMIT $3";

    private final Pool pool;
    private final AppendQueue queue;
    private final PgChainVerify verify;

    /** Tuning of the group commit. */
    public record Tuning(int maxBatch, int maxQueued, long lingerMs, int verifyPage) {
        public static final Tuning DEFAULT = new Tuning(1000, 100_000, 0, 10_000);

        public Tuning {
            if (maxBatch < 1 || maxQueued < maxBatch || lingerMs < 0 || verifyPage < 1) {
                throw new IllegalArgumentException("invalid ledger tuning " + maxBatch + "/" + maxQueued + "/" + lingerMs);
            }
        }
    }

    /** A store whose verify accepts checkpoints of any valid signer (tests); the ledger role passes its trusted keys. */
    public PgLedgerStore(Vertx vertx, Pool pool, BalanceRule rule, Tuning tuning) {
        this(vertx, pool, rule, tuning, Clock.systemUTC());
    }

    /** A store whose verify accepts checkpoints of any valid signer (tests); the ledger role passes its trusted keys. */
    public PgLedgerStore(Vertx vertx, Pool pool, BalanceRule rule, Tuning tuning, Clock clock) {
        this(vertx, pool, rule, tuning, clock, Set.of(io.edgecoder.ledger.verify.CheckpointCheck.ANY_SIGNER));
    }

    /**
     * @param trustedSigners keys allowed to sign checkpoints (base64); empty = none, so verify fails at the
     *                       first checkpoint naming its signer; {@code CheckpointCheck.ANY_SIGNER} = any valid signature
     */
    public PgLedgerStore(Vertx vertx, Pool pool, BalanceRule rule, Tuning tuning, Clock clock,
                         Set<String> trustedSigners) {
        this.pool = pool;
        this.queue = new AppendQueue(vertx, new BatchWriter(pool, rule, clock), tuning.maxBatch(), tuning.maxQueued(),
            tuning.lingerMs());
        this.verify = new PgChainVerify(vertx, pool, tuning.verifyPage(), trustedSigners);
    }

    @Override
    public Future<List<LedgerEntry>> append(List<EntryDraft> drafts) {
        if (drafts.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return queue.submit(drafts);
    }

    @Override
    public Future<List<LedgerEntry>> entriesByReference(String reference) {
        return pool.preparedQuery(BY_REFERENCE).execute(Tuple.of(reference)).map(rows -> {
            List<LedgerEntry> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(EntryRows.entry(row)));
            return out;
        });
    }

    @Override
    public Future<List<LedgerEntry>> history(String account, long afterSeq, int limit) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(account, afterSeq, limit)).map(rows -> {
            List<LedgerEntry> out = new ArrayList<>(rows.size());
            rows.forEach(row -> out.add(EntryRows.entry(row)));
            return out;
        });
    }

    @Override
    public Future<Map<String, Long>> balances() {
        return pool.query("SELECT account, balance_milli FROM ledger_accounts").execute().map(rows -> {
            Map<String, Long> out = new TreeMap<>();
            rows.forEach(row -> out.put(row.getString("account"), row.getLong("balance_milli")));
            return out;
        });
    }

    @Override
    public Future<VerifyReply> verify() {
        return verify.run();
    }

    @Override
    public Future<Boolean> ping() {
        return pool.query("SELECT 1").execute().map(true).otherwise(false);
    }

    /** Stops accepting appends; queued callers get 503. The pool is the owner's to close. */
    public void close() {
        queue.close();
    }
}
