package io.edgecoder.ledger.economy;

import io.edgecoder.ledger.LedgerStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs issuance windows against the ledger: windows end on multiples of the recalc interval
 * (a grace period after the end lets in-flight appends land first), each measures the
 * {@code earn} entries to {@code node:*} accounts inside [end − window, end), and issues
 * through idempotent entries, so nodes recalculating the same window at once write it once.
 * Missed windows are caught up in order.
 */
public final class PgIssuance {
    private static final String CONTRIBUTIONS = "SELECT to_account, sum(amount_milli)::bigint FROM ledger_entries"
        + " WHERE kind = 'earn' AND to_account LIKE 'node:%' AND at >= $1 AND at < $2 GROUP BY to_account";
    private static final String COLUMNS = "window_start, window_end, contributed_milli, contributors, load_permille,"
        + " raw_daily_milli, daily_milli, issued_milli";

    private final Pool pool;
    private final LedgerStore store;
    private final IssuanceCalculator.Params params;
    private final Clock clock;
    private final Duration grace;

    public PgIssuance(Pool pool, LedgerStore store, IssuanceCalculator.Params params, Clock clock, Duration grace) {
        this.pool = pool;
        this.store = store;
        this.params = params;
        this.clock = clock;
        this.grace = grace;
    }

    /** The latest window end that may be computed now. */
    public Instant dueEnd() {
        long step = params.recalc().toMillis();
        long now = clock.instant().minus(grace).toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(now, step) * step);
    }

    /** Computes every due window not yet computed (at most one window's worth); answers the latest. */
    public Future<Optional<IssuanceCalculator.Window>> recalculate() {
        Instant due = dueEnd();
        return latest().compose(last -> {
            Instant from = last.map(w -> w.end().plus(params.recalc()))
                .filter(next -> !next.isBefore(due.minus(params.window())))
                .orElse(due);
            return run(from, due, last.map(IssuanceCalculator.Window::dailyMilli).orElse(null), last);
        });
    }

    private Future<Optional<IssuanceCalculator.Window>> run(Instant end, Instant due, Long previousDaily,
                                                            Optional<IssuanceCalculator.Window> latest) {
        if (end.isAfter(due)) {
            return Future.succeededFuture(latest);
        }
        return compute(end, previousDaily).compose(this::issue)
            .compose(w -> run(end.plus(params.recalc()), due, w.dailyMilli(), Optional.of(w)));
    }

    /** Recomputes the window ending at {@code end} from the ledger alone (replay). */
    public Future<IssuanceCalculator.Window> compute(Instant end, Long previousDaily) {
        Instant start = end.minus(params.window());
        return pool.preparedQuery(CONTRIBUTIONS).execute(Tuple.of(utc(start), utc(end))).map(rows -> {
            Map<String, Long> contributions = new HashMap<>();
            rows.forEach(r -> contributions.put(r.getString(0), r.getLong(1)));
            return IssuanceCalculator.compute(params, end, contributions, previousDaily);
        });
    }

    private Future<IssuanceCalculator.Window> issue(IssuanceCalculator.Window w) {
        return store.append(w.drafts())
            .compose(entries -> pool.preparedQuery("INSERT INTO ledger_issuance_windows (" + COLUMNS + ", computed_at)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (window_end) DO NOTHING")
                .execute(Tuple.of(utc(w.start()), utc(w.end()), w.contributedMilli(), w.contributors(), w.loadPermille(),
                    w.rawDailyMilli()).addLong(w.dailyMilli()).addLong(w.issuedMilli()).addOffsetDateTime(utc(clock.instant()))))
            .map(w);
    }

    public Future<Optional<IssuanceCalculator.Window>> latest() {
        return history(1, null).map(list -> list.stream().findFirst());
    }

    /** Windows ending before {@code before} (null: all), newest first, without their entries. */
    public Future<List<IssuanceCalculator.Window>> history(int limit, Instant before) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM ledger_issuance_windows"
                + " WHERE window_end < $1 ORDER BY window_end DESC LIMIT $2")
            .execute(Tuple.of(utc(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before), limit))
            .map(rows -> {
                List<IssuanceCalculator.Window> out = new ArrayList<>();
                rows.forEach(r -> out.add(window(r)));
                return out;
            });
    }

    private static IssuanceCalculator.Window window(Row r) {
        return new IssuanceCalculator.Window(r.getOffsetDateTime(0).toInstant(), r.getOffsetDateTime(1).toInstant(),
            r.getLong(2), r.getInteger(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), List.of());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
