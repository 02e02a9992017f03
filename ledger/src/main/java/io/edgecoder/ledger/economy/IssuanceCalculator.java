package io.edgecoder.ledger.economy;

import io.edgecoder.ledger.Accounts;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issuance over a rolling window, as a pure function of the window's verified contributions
 * (milli-credits earned per node) and the previous window's daily pool, so any node can
 * replay it from the ledger alone (docs/economy.md):
 * <pre>
 *   load      = contributed × 1000 / loadReference                     (per-mille)
 *   raw       = clamp(base + base × slope × (load − 1000) / 10^6, min, max)
 *   daily     = previous + (raw − previous) × smoothing / 1000         (raw for the first window)
 *   issued    = daily × recalc / window
 *   coordinators = issued × coordinatorBps / 10^4; reserve = issued × reserveBps / 10^4
 *   node i    = floor((issued − coordinators − reserve) × c_i / contributed); rounding rest → reserve
 * </pre>
 */
public final class IssuanceCalculator {
    private IssuanceCalculator() {
    }

    /** Operator settings of issuance (all amounts milli-credits, per-mille and basis points integers). */
    public record Params(Duration recalc, Duration window, long dailyBaseMilli, long dailyMinMilli, long dailyMaxMilli,
                         long loadReferenceMilli, int slopePermille, int smoothingPermille, int coordinatorBps,
                         int reserveBps) {
        public Params {
            if (recalc.isZero() || recalc.isNegative() || window.compareTo(recalc) < 0) {
                throw new IllegalArgumentException("issuance window must be at least one recalc interval");
            }
            if (dailyMinMilli < 0 || dailyMinMilli > dailyBaseMilli || dailyBaseMilli > dailyMaxMilli) {
                throw new IllegalArgumentException("issuance pool must satisfy 0 <= min <= base <= max");
            }
            if (loadReferenceMilli < 1 || smoothingPermille < 1 || smoothingPermille > 1000
                || coordinatorBps < 0 || reserveBps < 0 || coordinatorBps + reserveBps > 10_000) {
                throw new IllegalArgumentException("invalid issuance load reference, smoothing or shares");
            }
        }
    }

    /** One recalculation's figures and the entries it issues. */
    public record Window(Instant start, Instant end, long contributedMilli, int contributors, long loadPermille,
                         long rawDailyMilli, long dailyMilli, long issuedMilli, List<EntryDraft> drafts) {
    }

    public static Window compute(Params p, Instant end, Map<String, Long> contributions, Long previousDailyMilli) {
        Map<String, Long> sorted = new TreeMap<>(contributions);
        sorted.values().removeIf(v -> v <= 0);
        long contributed = sorted.values().stream().mapToLong(Long::longValue).sum();
        long load = Math.multiplyExact(contributed, 1000L) / p.loadReferenceMilli();
        long raw = clamp(p.dailyBaseMilli() + p.dailyBaseMilli() * p.slopePermille() / 1000 * (load - 1000) / 1000,
            p.dailyMinMilli(), p.dailyMaxMilli());
        long daily = previousDailyMilli == null ? raw
            : previousDailyMilli + (raw - previousDailyMilli) * p.smoothingPermille() / 1000;
        long issued = daily * p.recalc().toMillis() / p.window().toMillis();
        return new Window(end.minus(p.window()), end, contributed, sorted.size(), load, raw, daily, issued,
            drafts(p, end, sorted, contributed, issued));
    }

    private static List<EntryDraft> drafts(Params p, Instant end, Map<String, Long> contributions, long contributed,
                                           long issued) {
        long coordinators = issued * p.coordinatorBps() / 10_000;
        long reserve = issued * p.reserveBps() / 10_000;
        long pool = issued - coordinators - reserve;
        List<EntryDraft> out = new ArrayList<>();
        long paid = 0;
        for (Map.Entry<String, Long> c : contributions.entrySet()) {
            long share = contributed == 0 ? 0 : Math.multiplyExact(pool, c.getValue()) / contributed;
            paid += share;
            add(out, end, c.getKey(), share);
        }
        add(out, end, Accounts.COORDINATORS, coordinators);
        add(out, end, Accounts.RESERVE, reserve + pool - paid);
        return out;
    }

    private static void add(List<EntryDraft> out, Instant end, String account, long amount) {
        if (amount > 0) {
            out.add(new EntryDraft(EntryKind.ISSUANCE, Accounts.ISSUANCE, account, amount, reference(end),
                "issuance:" + end.toEpochMilli() + ":" + account));
        }
    }

    public static String reference(Instant end) {
        return "window:" + end;
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
