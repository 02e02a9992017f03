package io.edgecoder.portal.accounts;

import java.time.Instant;
import java.util.Set;

/** A personal API token as listed (never the secret itself, which is shown once and stored as a hash). */
public record ApiToken(String id, String accountId, String name, Set<String> scopes, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt, Instant revokedAt) {
    public ApiToken {
        scopes = Set.copyOf(scopes);
    }
}
