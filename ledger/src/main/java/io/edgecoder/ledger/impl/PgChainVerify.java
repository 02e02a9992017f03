package io.edgecoder.ledger.impl;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.verify.BatchVerifier;
import io.edgecoder.ledger.verify.EntryBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the stored chain inside one repeatable-read snapshot: pages of entries in sequence
 * order, decoded on the event loop as they stream in (straight into an {@link EntryBatch}, no
 * entry objects), each page checked by a {@link BatchVerifier} on a worker thread while the
 * next page is read; then the head row and the stored balances against the recomputed ones.
 * Two batches alternate: page k+2 is read into page k's batch only after page k was checked.
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
            .map(checkpoints -> new BatchVerifier(checkpoints, trustedSigners).checkSignaturesAhead())
            .compose(verifier -> new Walk(conn, verifier).page(0, 0, Future.succeededFuture())
                .compose(v -> finish(conn, verifier))
                .onComplete(done -> verifier.stop())));
    }

    /** One pass over the pages, with its two alternating batches. */
    private final class Walk {
        private final SqlConnection conn;
        private final BatchVerifier verifier;
        private final EntryBatch[] batches = {new EntryBatch(pageSize), new EntryBatch(pageSize)};

        Walk(SqlConnection conn, BatchVerifier verifier) {
            this.conn = conn;
            this.verifier = verifier;
        }

        /** Reads page {@code n} (entries after {@code after}) while {@code previous} checks page n-1. */
        Future<BatchVerifier> page(int n, long after, Future<Void> previous) {
            EntryBatch batch = batches[n % 2];
            batch.clear();
            return conn.preparedQuery(PAGE).collecting(BatchRows.into(batch)).execute(Tuple.of(after, pageSize))
                .compose(result -> previous.compose(v -> {
                    int rows = batch.size();
                    if (verifier.failed() || rows == 0) {
                        return Future.succeededFuture(verifier);
                    }
                    long last = batch.lastSeq();
                    Future<Void> checked = check(batch);
                    return rows < pageSize ? checked.map(verifier) : page(n + 1, last, checked);
                }));
        }

        private Future<Void> check(EntryBatch batch) {
            return vertx.executeBlocking(() -> {
                verifier.accept(batch);
                return null;
            });
        }
    }

    private Future<VerifyReply> finish(SqlConnection conn, BatchVerifier verifier) {
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

    private static VerifyReply compareBalances(BatchVerifier verifier, RowSet<Row> rows) {
        Map<String, Long> stored = new HashMap<>();
        rows.forEach(r -> stored.put(r.getString("account"), r.getLong("balance_milli")));
        return verifier.checkBalances(stored).map(f -> bad(verifier, f))
            .orElseGet(verifier::okReply);
    }

    private static VerifyReply bad(BatchVerifier verifier, ChainVerifier.Failure failure) {
        return new VerifyReply(false, verifier.verified(), failure.seq(), failure.message());
    }
}
