package io.edgecoder.core.message;

import java.time.Instant;

/**
 * A blacklist entry.
 *
 * @param kind node-key | node | account | org
 * @param author who barred it
 * @param removedBy who lifted it (null while active)
 * @param version the policy version that added it
 */
public record BlacklistView(long id, String kind, String value, String reason, String evidence, String author,
                            Instant createdAt, Instant expiresAt, String removedBy, Instant removedAt, long version) {
    /** Whether the entry bars its subject at {@code now}. */
    public boolean activeAt(Instant now) {
        return removedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
