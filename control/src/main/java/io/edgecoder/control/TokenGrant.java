package io.edgecoder.control;

import java.time.Instant;
import java.util.List;

/**
 * What an enrollment token allows, as stored: the hash of its secret, the organisation, roles and
 * ring the node gets, who created it and until when it may be used.
 */
public record TokenGrant(String tokenHash, String org, List<String> roles, String ring, String createdBy,
                         Instant createdAt, Instant expiresAt) {
    public TokenGrant {
        roles = List.copyOf(roles);
    }
}
