package io.edgecoder.portal.accounts;

import io.edgecoder.core.MeshException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The roles of an account, as stored and as the API spells them. */
public enum AccountRole {
    /** Submits jobs, sees only their own jobs, balance and history. */
    USER("user"),
    /** Manages the nodes of their organisation ({@code org}). */
    COORDINATOR_OWNER("coordinator-owner"),
    /** Everything, including the operator routes. */
    SYSTEM_ADMIN("system-admin");

    private final String id;

    AccountRole(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The role named {@code id}; a 400 naming {@code field} for anything else. */
    public static AccountRole parse(String id, String field) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.id.equals(wanted)).findFirst()
            .orElseThrow(() -> MeshException.badRequest(field + ": unknown role, expected one of user, coordinator-owner, system-admin"));
    }

    /** The ids of {@code roles}, in declaration order. */
    public static Set<String> ids(Collection<AccountRole> roles) {
        Set<String> ids = new LinkedHashSet<>();
        for (AccountRole role : values()) {
            if (roles.contains(role)) {
                ids.add(role.id);
            }
        }
        return ids;
    }
}
