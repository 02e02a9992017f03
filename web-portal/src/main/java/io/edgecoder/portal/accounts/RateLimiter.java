package io.edgecoder.portal.accounts;

import static io.edgecoder.portal.accounts.PgAccountStore.utc;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Cluster-wide limits in PostgreSQL: fixed-window counters (one upsert per counted request) and
 * the failed sign-ins that lock an email address for a while. Keys name what is counted, such as
 * {@code signin:addr:127.0.0.1} or {@code signin:email:ann@example.org}; they are stored as given,
 * so callers put nothing secret in them.
 */
public final class RateLimiter {
    private final Pool pool;
    private final Clock clock;

    public RateLimiter(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Counts one request under {@code key}; fails with {@link RateLimited} beyond {@code limit} per {@code window}. */
    public Future<Void> hit(String key, int limit, Duration window, String what) {
        Instant now = clock.instant();
        long windowMs = window.toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMs * windowMs);
        return pool.preparedQuery("INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) ON CONFLICT (key) DO UPDATE"
                + " SET count = CASE WHEN rate_counters.window_start = EXCLUDED.window_start THEN rate_counters.count + 1 ELSE 1 END,"
                + " window_start = EXCLUDED.window_start RETURNING count")
            .execute(Tuple.of(key, utc(start)))
            .compose(rows -> {
                int count = rows.iterator().next().getInteger(0);
                if (count <= limit) {
                    return Future.succeededFuture();
                }
                long retry = (start.toEpochMilli() + windowMs - now.toEpochMilli() + 999) / 1000;
                return Future.failedFuture(new RateLimited("too many " + what + "; try again in " + Math.max(1, retry) + " s", retry));
            });
    }

    /** Fails with {@link RateLimited} while {@code email} is locked after failed sign-ins. */
    public Future<Void> checkLock(String email) {
        Instant now = clock.instant();
        return pool.preparedQuery("SELECT locked_until FROM signin_failures WHERE email = $1 AND locked_until > $2")
            .execute(Tuple.of(email, utc(now)))
            .compose(rows -> {
                if (rows.size() == 0) {
                    return Future.succeededFuture();
                }
                Instant until = rows.iterator().next().getOffsetDateTime(0).toInstant();
                long retry = (Duration.between(now, until).toMillis() + 999) / 1000;
                return Future.failedFuture(locked(retry));
            });
    }

    /** Records a failed sign-in; answers true when this failure locked the address. */
    public Future<Boolean> failed(String email, int failuresBeforeLock, Duration lockout) {
        Instant now = clock.instant();
        return pool.preparedQuery("INSERT INTO signin_failures (email, failures, first_at) VALUES ($1, 1, $2) ON CONFLICT (email) DO UPDATE"
                + " SET failures = CASE WHEN signin_failures.first_at > $3 THEN signin_failures.failures + 1 ELSE 1 END,"
                + " first_at = CASE WHEN signin_failures.first_at > $3 THEN signin_failures.first_at ELSE $2 END"
                + " RETURNING failures")
            .execute(Tuple.of(email, utc(now), utc(now.minus(lockout))))
            .compose(rows -> lockIfNeeded(email, rows.iterator().next(), failuresBeforeLock, lockout, now));
    }

    private Future<Boolean> lockIfNeeded(String email, Row row, int failuresBeforeLock, Duration lockout, Instant now) {
        if (row.getInteger(0) < failuresBeforeLock) {
            return Future.succeededFuture(false);
        }
        return pool.preparedQuery("UPDATE signin_failures SET locked_until = $2, failures = 0, first_at = $3 WHERE email = $1")
            .execute(Tuple.of(email, utc(now.plus(lockout)), utc(now))).map(true);
    }

    /** Clears the failures of {@code email} after a successful sign-in or a password reset. */
    public Future<Void> succeeded(String email) {
        return pool.preparedQuery("DELETE FROM signin_failures WHERE email = $1").execute(Tuple.of(email)).mapEmpty();
    }

    /** Removes counters and failures older than {@code age} (housekeeping). */
    public Future<Void> purge(Duration age) {
        Instant before = clock.instant().minus(age);
        return pool.preparedQuery("DELETE FROM rate_counters WHERE window_start < $1").execute(Tuple.of(utc(before)))
            .compose(v -> pool.preparedQuery("DELETE FROM signin_failures WHERE first_at < $1 AND (locked_until IS NULL"
                + " OR locked_until < $1)").execute(Tuple.of(utc(before))))
            .mapEmpty();
    }

    public static RateLimited locked(long retrySeconds) {
        return new RateLimited("too many failed sign-ins for this email address; try again in " + Math.max(1, retrySeconds) + " s",
            retrySeconds);
    }
}
