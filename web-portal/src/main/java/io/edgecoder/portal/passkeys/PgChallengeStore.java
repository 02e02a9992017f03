package io.edgecoder.portal.passkeys;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * WebAuthn challenges in PostgreSQL ({@code webauthn_challenges}), keyed by the SHA-256 of a
 * random value that only the browser's HttpOnly cookie holds; each is used at most once.
 */
public final class PgChallengeStore {
    /** A stored challenge: what it is for, the account it was issued to (registration), and until when. */
    public record Challenge(String purpose, String accountId, String challenge, Instant expiresAt) {
    }

    private final Pool pool;

    public PgChallengeStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> save(byte[] key, Challenge c, Instant now) {
        return pool.preparedQuery("DELETE FROM webauthn_challenges WHERE expires_at < $1").execute(Tuple.of(utc(now)))
            .compose(v -> pool.preparedQuery("INSERT INTO webauthn_challenges (key_hash, purpose, account_id, challenge, expires_at)"
                    + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(Buffer.buffer(key), c.purpose(), c.accountId(), c.challenge(), utc(c.expiresAt()))))
            .mapEmpty();
    }

    /** Removes and answers the challenge under {@code key} issued for {@code purpose}. */
    public Future<Optional<Challenge>> take(byte[] key, String purpose) {
        return pool.preparedQuery("DELETE FROM webauthn_challenges WHERE key_hash = $1 AND purpose = $2"
                + " RETURNING purpose, account_id, challenge, expires_at")
            .execute(Tuple.of(Buffer.buffer(key), purpose))
            .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(challenge(rows.iterator().next())));
    }

    private static Challenge challenge(Row r) {
        return new Challenge(r.getString("purpose"), r.getString("account_id"), r.getString("challenge"),
            r.getOffsetDateTime("expires_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
