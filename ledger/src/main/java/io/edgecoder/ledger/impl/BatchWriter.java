package io.edgecoder.ledger.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.LedgerEntry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one group-commit batch in one transaction: lock the chain head row (this serialises
 * appends across every node sharing the database), read entries already stored under the
 * batch's keys, plan, insert the new entries, add the balance deltas and move the head. A
 * crash anywhere leaves the whole batch or nothing.
 */
final class BatchWriter {
    private static final String LOCK_HEAD = "SELECT seq, hash FROM ledger_head WHERE id = 1 FOR UPDATE";
    private static final String EXISTING = "SELECT " + EntryRows.COLUMNS
        + " FROM ledger_entries WHERE idempotency_key = ANY($1::text[])";
    private static final String BALANCES = "SELECT account, balance_milli FROM ledger_accounts WHERE account = ANY($1::text[])";
    private static final String CREDIT_LINES = "SELECT account, limit_milli FROM ledger_credit_lines WHERE account = ANY($1::text[])";
    private static final String ADD_BALANCES = "INSERT INTO ledger_accounts (account, balance_milli, last_seq)"
        + " SELECT a, d, $3 FROM unnest($1::text[], $2::bigint[]) AS t(a, d) ON CONFLICT (account) DO UPDATE"
        + " SET balance_milli = ledger_accounts.balance_milli + EXCLUDED.balance_milli, last_seq = EXCLUDED.last_seq";
    private static final String MOVE_HEAD = "UPDATE ledger_head SET seq = $1, hash = $2, updated_at = now() WHERE id = 1";

    /** The answer for one caller: its entries, or why it was refused. */
    record Outcome(List<LedgerEntry> entries, MeshException refusal) {
    }

    private final Pool pool;
    private final BalanceRule rule;
    private final Clock clock;

    BatchWriter(Pool pool, BalanceRule rule, Clock clock) {
        this.pool = pool;
        this.rule = rule;
        this.clock = clock;
    }

    /** Commits the batch; the outcomes are in the order of {@code requests}. */
    Future<List<Outcome>> write(List<List<EntryDraft>> requests) {
        return pool.withTransaction(conn -> new Tx(conn, requests).run());
    }

    /** The steps of one batch transaction. */
    private final class Tx {
        private final SqlConnection conn;
        private final List<List<EntryDraft>> requests;
        private long headSeq;
        private byte[] headHash;
        private Map<String, LedgerEntry> existing;
        private Map<String, Long> creditLines = Map.of();

        Tx(SqlConnection conn, List<List<EntryDraft>> requests) {
            this.conn = conn;
            this.requests = requests;
        }

        /**
         * The reads are sent together (pipelined on the one connection, which runs them in order, so
         * every read still happens under the head lock), and so are the writes: two round trips
         * instead of seven.
         */
        Future<List<Outcome>> run() {
            Future<Void> locked = lockHead();
            Future<Void> loaded = loadExisting();
            Future<Map<String, Long>> balances = loadBalances();
            return Future.all(locked, loaded, balances).compose(v -> planAndPersist(balances.result()));
        }

        private Future<Void> lockHead() {
            return conn.query(LOCK_HEAD).execute().map(rows -> {
                Row head = rows.iterator().next();
                headSeq = head.getLong("seq");
                headHash = head.getBuffer("hash").getBytes();
                return null;
            });
        }

        private Future<Void> loadExisting() {
            Set<String> keys = new LinkedHashSet<>();
            requests.forEach(r -> r.forEach(d -> keys.add(d.idempotencyKey())));
            return conn.preparedQuery(EXISTING).execute(Tuple.of(keys.toArray(String[]::new))).map(rows -> {
                existing = new HashMap<>();
                rows.forEach(row -> existing.put(row.getString("idempotency_key"), EntryRows.entry(row)));
                return null;
            });
        }

        private Future<Map<String, Long>> loadBalances() {
            if (!rule.checksBalances()) {
                return Future.succeededFuture(Map.of());
            }
            Set<String> payers = new LinkedHashSet<>();
            requests.forEach(r -> r.forEach(d -> payers.add(d.from())));
            Tuple accounts = Tuple.of(payers.toArray(String[]::new));
            Future<Void> lines = conn.preparedQuery(CREDIT_LINES).execute(accounts).map(rows -> {
                creditLines = accountMap(rows);
                return null;
            });
            Future<Map<String, Long>> balances = conn.preparedQuery(BALANCES).execute(accounts).map(BatchWriter::accountMap);
            return Future.all(lines, balances).map(v -> balances.result());
        }

        private Future<List<Outcome>> planAndPersist(Map<String, Long> balances) {
            BatchPlan plan = new BatchPlan(headSeq, headHash, existing, balances, creditLines, rule, clock.instant());
            List<Outcome> outcomes = new ArrayList<>(requests.size());
            for (List<EntryDraft> drafts : requests) {
                outcomes.add(planOne(plan, drafts));
            }
            if (plan.freshEntries().isEmpty()) {
                return Future.succeededFuture(outcomes);
            }
            return Future.all(insert(plan), addBalances(plan), moveHead(plan)).map(outcomes);
        }

        private Future<Void> insert(BatchPlan plan) {
            return conn.preparedQuery(EntryRows.INSERT).execute(EntryRows.insertTuple(plan.freshEntries())).mapEmpty();
        }

        private Future<Void> addBalances(BatchPlan plan) {
            Map<String, Long> deltas = plan.balanceDeltas();
            return conn.preparedQuery(ADD_BALANCES).execute(Tuple.of(deltas.keySet().toArray(String[]::new),
                deltas.values().toArray(Long[]::new), plan.headSeq())).mapEmpty();
        }

        private Future<Void> moveHead(BatchPlan plan) {
            return conn.preparedQuery(MOVE_HEAD)
                .execute(Tuple.of(plan.headSeq(), io.vertx.core.buffer.Buffer.buffer(plan.headHash()))).mapEmpty();
        }
    }

    private static Outcome planOne(BatchPlan plan, List<EntryDraft> drafts) {
        try {
            return new Outcome(plan.add(drafts), null);
        } catch (MeshException refused) {
            return new Outcome(null, refused);
        }
    }

    private static Map<String, Long> accountMap(RowSet<Row> rows) {
        Map<String, Long> out = new HashMap<>();
        rows.forEach(row -> out.put(row.getString(0), row.getLong(1)));
        return out;
    }
}
