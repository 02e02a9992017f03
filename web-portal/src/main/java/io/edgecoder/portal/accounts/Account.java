package io.edgecoder.portal.accounts;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An account as stored. {@code id} is opaque and stable ({@code acc_...}); jobs and ledger
 * entries are charged to it ({@code user:<id>}). {@code passwordHash} is null for an account
 * without a password (created by an admin or through OAuth); it never appears in {@link #toString}.
 */
public record Account(String id, String email, boolean emailVerified, String passwordHash, Set<String> roles, String org,
                      boolean disabled, Instant createdAt) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
    }

    public boolean admin() {
        return roles.contains(AccountRole.SYSTEM_ADMIN.id());
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", roles=" + roles + ", org=" + org + ", verified=" + emailVerified + ", disabled=" + disabled + "]";
    }
}
