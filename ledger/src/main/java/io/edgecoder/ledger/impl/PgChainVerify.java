package io.edgecoder.ledger.impl;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.LedgerEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the stored chain inside one repeatable-read snapshot: pages of entries in sequence
 * order through {@link ChainVerifier} (hashing on a worker thread), then the head row and the
 * stored balances against the recomputed ones.
 */
final class PgChainVerify {
    private static final String PAGE = "SELECT " + EntryRows.COLUMNS
        + " FROM ledger_entries WHERE seq > $1 ORDER BY seq LIMIT $2";

    private final Vertx vertx;
    private final Pool pool;
    private final int pageSize;
    private final Set<String> trustedSigners;

    PgChainVerify(Vertx vertx, Pool pool, int pageSize, Set<String> trustedSigners) {
        this.vertx = vertx;
        this.pool = pool;
        this.pageSize = pageSize;
        this.trustedSigners = trustedSigners;
    }

    Future<VerifyReply> run() {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute().compose(v -> PgCheckpoints.list(conn))
            .compose(checkpoints -> walk(conn, new ChainVerifier(checkpoints, trustedSigners), 0,
                Future.succeededFuture()))
            .compose(verifier -> finish(conn, verifier)));
    }

    /**
     * Reads page after page; hashing of one page (on a worker thread) overlaps with reading the
     * next. Each page is checked only after the previous one, in order.
     */
    private Future<ChainVerifier> walk(SqlConnection conn, ChainVerifier verifier, long after, Future<Void> previous) {
        return conn.preparedQuery(PAGE).execute(Tuple.of(after, pageSize)).compose(rows -> previous.compose(v -> {
            if (verifier.failed() || rows.size() == 0) {
                return Future.succeededFuture(verifier);
            }
            List<Row> page = new ArrayList<>(rows.size());
            rows.forEach(page::add);
            Future<Void> checked = check(verifier, page);
            return page.size() < pageSize ? checked.map(verifier)
                : walk(conn, verifier, page.get(page.size() - 1).getLong("seq"), checked);
        }));
    }

    private Future<Void> check(ChainVerifier verifier, List<Row> page) {
        return vertx.executeBlocking(() -> {
            for (Row row : page) {
                if (accept(verifier, row).isPresent()) {
                    break;
                }
            }
            return null;
        });
    }

    private static Optional<ChainVerifier.Failure> accept(ChainVerifier verifier, Row row) {
        LedgerEntry entry;
        try {
            entry = EntryRows.entry(row);
        } catch (IllegalArgumentException e) {
            return verifier.reject(row.getLong("seq"), "entry " + row.getLong("seq") + ": " + e.getMessage());
        }
        return verifier.accept(entry);
    }

    private Future<VerifyReply> finish(SqlConnection conn, ChainVerifier verifier) {
        return conn.query("SELECT seq, hash FROM ledger_head WHERE id = 1").execute().compose(head -> {
            Row row = head.iterator().next();
            Optional<ChainVerifier.Failure> failure = verifier.finish(row.getLong("seq"), row.getBuffer("hash").getBytes());
            if (failure.isPresent()) {
                return Future.succeededFuture(bad(verifier, failure.get()));
            }
            return conn.query("SELECT account, balance_milli FROM ledger_accounts").execute()
                .map(rows -> compareBalances(verifier, rows));
        });
    }

    private static VerifyReply compareBalances(ChainVerifier verifier, RowSet<Row> rows) {
        Map<String, Long> stored = new HashMap<>();
        rows.forEach(r -> stored.put(r.getString("account"), r.getLong("balance_milli")));
        return verifier.checkBalances(stored).map(f -> bad(verifier, f))
            .orElseGet(() -> new VerifyReply(true, verifier.verified(), null, verifier.summary()));
    }

    private static VerifyReply bad(ChainVerifier verifier, ChainVerifier.Failure failure) {
        return new VerifyReply(false, verifier.verified(), failure.seq(), failure.message());
    }
}
