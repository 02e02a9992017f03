package io.edgecoder.ledger.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.merkle.Merkle;
import io.edgecoder.ledger.merkle.MerkleFrontier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Writes signed checkpoints. One writer at a time across all nodes (a transaction-scoped
 * advisory lock); appends are not blocked. Before signing, the new entries' chain links and
 * hashes are checked, so a node never signs a tampered chain.
 */
public final class PgCheckpoints {
    private static final long LOCK_KEY = 0x6c65646765724350L;
    private static final String NEW_ENTRIES = "SELECT " + EntryRows.COLUMNS
        + " FROM ledger_entries WHERE seq > $1 AND seq <= $2 ORDER BY seq";

    private final Vertx vertx;
    private final Pool pool;
    private final NodeIdentity identity;
    private final Clock clock;

    public PgCheckpoints(Vertx vertx, Pool pool, NodeIdentity identity, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.identity = identity;
        this.clock = clock;
    }

    /** Every checkpoint, in id order. */
    public Future<List<Checkpoint>> list() {
        return list(pool);
    }

    static Future<List<Checkpoint>> list(io.vertx.sqlclient.SqlClient client) {
        return client.query(CheckpointRows.ALL).execute().map(rows -> {
            List<Checkpoint> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(CheckpointRows.checkpoint(r)));
            return out;
        });
    }

    /** Writes a checkpoint over all entries when {@code minEntries} are new or the last is older than {@code maxAge}. */
    public Future<Optional<Checkpoint>> createIfDue(long minEntries, Duration maxAge) {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
            .compose(v -> conn.query(CheckpointRows.LAST).execute())
            .compose(last -> conn.query("SELECT seq FROM ledger_head WHERE id = 1").execute()
                .compose(head -> decide(conn, last, head.iterator().next().getLong(0), minEntries, maxAge))));
    }

    /** Writes a checkpoint now if any entry is not yet covered. */
    public Future<Optional<Checkpoint>> createNow() {
        return createIfDue(1, Duration.ZERO);
    }

    private Future<Optional<Checkpoint>> decide(SqlConnection conn, RowSet<Row> lastRows, long headSeq,
                                                long minEntries, Duration maxAge) {
        Row last = lastRows.size() == 0 ? null : lastRows.iterator().next();
        long covered = last == null ? 0 : last.getLong("tree_size");
        long fresh = headSeq - covered;
        boolean old = last == null || !last.getOffsetDateTime("at").toInstant().plus(maxAge).isAfter(clock.instant());
        if (fresh <= 0 || (fresh < minEntries && !old)) {
            return Future.succeededFuture(Optional.empty());
        }
        State state = last == null
            ? new State(0, new MerkleFrontier(), ChainHash.genesis())
            : new State(last.getLong("id"), MerkleFrontier.decode(last.getBuffer("frontier").getBytes()),
                last.getBuffer("head_hash").getBytes());
        return conn.preparedQuery(NEW_ENTRIES).execute(Tuple.of(covered, headSeq))
            .compose(rows -> vertx.executeBlocking(() -> extendAndSign(state, covered, headSeq, rows)))
            .compose(signed -> conn.preparedQuery(CheckpointRows.INSERT)
                .execute(CheckpointRows.insertTuple(signed, state.frontier.encode())).map(Optional.of(signed)));
    }

    private record State(long lastId, MerkleFrontier frontier, byte[] lastHash) {
    }

    private Checkpoint extendAndSign(State state, long covered, long headSeq, RowSet<Row> rows) {
        byte[] prev = state.lastHash();
        long expected = covered + 1;
        for (Row row : rows) {
            LedgerEntry e = EntryRows.entry(row);
            if (e.seq() != expected || !Arrays.equals(e.prevHash(), prev) || !Arrays.equals(ChainHash.of(e), e.hash())) {
                throw MeshException.unavailable("refusing to checkpoint: entry " + expected + " does not verify");
            }
            state.frontier().add(Merkle.leafHash(e.hash()));
            prev = e.hash();
            expected++;
        }
        if (expected - 1 != headSeq) {
            throw MeshException.unavailable("refusing to checkpoint: entry " + expected + " is missing");
        }
        return Checkpoint.sign(state.lastId() + 1, expected - 1, covered + 1, state.frontier().root(), prev,
            clock.instant(), identity);
    }
}
