package io.edgecoder.ledger.impl;

import io.edgecoder.core.Json;
import io.edgecoder.ledger.export.ExportLine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the ledger to an export file (see {@link ExportLine}) from one repeatable-read
 * snapshot: header, checkpoints, balances, then entries in pages. File writes run on worker
 * threads, in order. Resolves to the number of entries written.
 */
public final class PgLedgerExport {
    private static final String PAGE = "SELECT " + EntryRows.COLUMNS
        + " FROM ledger_entries WHERE seq > $1 ORDER BY seq LIMIT $2";

    private final Vertx vertx;
    private final Pool pool;
    private final int pageSize;

    public PgLedgerExport(Vertx vertx, Pool pool, int pageSize) {
        this.vertx = vertx;
        this.pool = pool;
        this.pageSize = pageSize;
    }

    public Future<Long> export(Path file) {
        return vertx.executeBlocking(() -> Files.newBufferedWriter(file, StandardCharsets.UTF_8))
            .compose(out -> pool.withTransaction(conn -> snapshot(conn, out))
                .eventually(() -> vertx.executeBlocking(() -> {
                    out.close();
                    return null;
                })));
    }

    private Future<Long> snapshot(SqlConnection conn, BufferedWriter out) {
        return conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
            .compose(v -> conn.query("SELECT seq, hash FROM ledger_head WHERE id = 1").execute())
            .compose(head -> write(out, List.of(ExportLine.header(head.iterator().next().getLong(0),
                head.iterator().next().getBuffer(1).getBytes()))))
            .compose(v -> PgCheckpoints.list(conn))
            .compose(cps -> write(out, cps.stream().map(ExportLine::of).toList()))
            .compose(v -> conn.query("SELECT account, balance_milli FROM ledger_accounts ORDER BY account").execute())
            .compose(rows -> write(out, balanceLines(rows)))
            .compose(v -> entries(conn, out, 0, 0));
    }

    private Future<Long> entries(SqlConnection conn, BufferedWriter out, long after, long written) {
        return conn.preparedQuery(PAGE).execute(Tuple.of(after, pageSize)).compose(rows -> {
            List<ExportLine> lines = new ArrayList<>(rows.size());
            long last = after;
            for (Row row : rows) {
                lines.add(ExportLine.of(EntryRows.entry(row)));
                last = row.getLong("seq");
            }
            long total = written + lines.size();
            long next = last;
            Future<Void> done = write(out, lines);
            return rows.size() < pageSize ? done.map(total) : done.compose(v -> entries(conn, out, next, total));
        });
    }

    private static List<ExportLine> balanceLines(RowSet<Row> rows) {
        List<ExportLine> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(ExportLine.balance(r.getString(0), r.getLong(1))));
        return lines;
    }

    private Future<Void> write(BufferedWriter out, List<ExportLine> lines) {
        return vertx.executeBlocking(() -> {
            try {
                for (ExportLine line : lines) {
                    out.write(Json.MAPPER.writeValueAsString(line));
                    out.write('\n');
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
