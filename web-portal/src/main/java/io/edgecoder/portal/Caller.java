package io.edgecoder.portal;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The authenticated caller of an {@code /api} request, put on the routing context by the
 * authentication handler: the holder of the node's admin token, an account signed in with a
 * session cookie, or an account's personal API token. Route handlers read it with {@link #of}.
 *
 * @param account the account jobs are charged to ({@code admin} for the admin token, else the account id {@code acc_...})
 * @param admin whether the caller may use operator routes: the admin token, or a system-admin account through a session
 *              or a token with the {@code admin} scope ({@code AdminOnly} is the one check)
 * @param roles the account's roles ({@code user}, {@code coordinator-owner}, {@code system-admin})
 * @param org the account's organisation (coordinator-owners), or null
 * @param scopes what the credential allows: {@code read}, {@code jobs}, {@code admin} (a session and the admin token: all three)
 * @param via how the caller authenticated: {@link #VIA_ADMIN_TOKEN}, {@link #VIA_SESSION} or {@link #VIA_TOKEN}
 */
public record Caller(String account, boolean admin, Set<String> roles, String org, Set<String> scopes, String via) {
    /** The routing-context key under which the caller is stored. */
    public static final String KEY = "edgecoder.caller";
    /** The account name of the holder of the node's admin token. */
    public static final String ADMIN_ACCOUNT = "admin";
    /** Prefix of a caller's account in the ledger (the ledger role's {@code Accounts.USER}). */
    public static final String LEDGER_USER_PREFIX = "user:";
    public static final String SCOPE_READ = "read";
    public static final String SCOPE_JOBS = "jobs";
    public static final String SCOPE_ADMIN = "admin";
    public static final Set<String> ALL_SCOPES = Set.of(SCOPE_READ, SCOPE_JOBS, SCOPE_ADMIN);
    public static final String VIA_ADMIN_TOKEN = "admin-token";
    public static final String VIA_SESSION = "session";
    public static final String VIA_TOKEN = "token";

    public Caller {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("caller account is required");
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        scopes = scopes == null ? ALL_SCOPES : Set.copyOf(scopes);
        via = via == null ? VIA_ADMIN_TOKEN : via;
    }

    /** A caller with every scope; admins have the system-admin role (the admin token's form, and tests'). */
    public Caller(String account, boolean admin) {
        this(account, admin, admin ? Set.of("system-admin") : Set.of("user"), null, ALL_SCOPES, VIA_ADMIN_TOKEN);
    }

    public static Caller administrator() {
        return new Caller(ADMIN_ACCOUNT, true);
    }

    /** This caller's account as the ledger names it: {@code user:<account>}. */
    public String ledgerAccount() {
        return LEDGER_USER_PREFIX + account;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** The caller of an authenticated request; fails if no authentication handler ran. */
    public static Caller of(RoutingContext ctx) {
        Caller caller = ctx.get(KEY);
        if (caller == null) {
            throw new IllegalStateException("route reached without an authenticated caller");
        }
        return caller;
    }
}
