package io.edgecoder.portal.accounts;

import java.time.Instant;

/** A session as listed to its owner: no secret, only an id derived from the stored hash. */
public record SessionInfo(String id, String method, Instant createdAt, Instant lastSeenAt, Instant expiresAt, String address,
                          String userAgent) {
}
