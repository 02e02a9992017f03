package io.edgecoder.core.message;

import java.time.Instant;

/** One issuance recalculation: the trailing window, its load and the pool it issued. */
public record IssuanceWindowView(Instant start, Instant end, long contributedMilli, int contributors,
                                 long loadPermille, long rawDailyMilli, long dailyMilli, long issuedMilli) {
}
