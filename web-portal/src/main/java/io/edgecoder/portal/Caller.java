package io.edgecoder.portal;

import io.vertx.ext.web.RoutingContext;

/**
 * The authenticated caller of an {@code /api} request, put on the routing context by an
 * authentication handler. Until accounts exist the only caller is the node's admin; later
 * authentication handlers (password sessions, OAuth2, passkeys) put their own callers here and
 * the route handlers stay unchanged.
 *
 * @param account the account jobs are charged to ({@code admin} for the admin token)
 * @param admin whether the caller may use operator routes
 */
public record Caller(String account, boolean admin) {
    /** The routing-context key under which the caller is stored. */
    public static final String KEY = "edgecoder.caller";
    /** The account name of the holder of the node's admin token. */
    public static final String ADMIN_ACCOUNT = "admin";
    /** Prefix of a caller's account in the ledger (the ledger role's {@code Accounts.USER}). */
    public static final String LEDGER_USER_PREFIX = "user:";

    public Caller {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("caller account is required");
        }
    }

    public static Caller administrator() {
        return new Caller(ADMIN_ACCOUNT, true);
    }

    /** This caller's account as the ledger names it: {@code user:<account>}. */
    public String ledgerAccount() {
        return LEDGER_USER_PREFIX + account;
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
