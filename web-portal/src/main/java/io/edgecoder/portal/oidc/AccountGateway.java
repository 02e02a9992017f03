package io.edgecoder.portal.oidc;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * What OAuth sign-in and passkeys need from the portal's accounts: who is signed in, accounts by
 * email, new verified accounts, sessions and the audit log. {@link AccountsAdapter} is the one
 * implementation, over {@code io.edgecoder.portal.accounts.Accounts}.
 */
public interface AccountGateway {
    /** The account whose session cookie this request carries, if any. */
    Future<Optional<String>> sessionAccount(RoutingContext ctx);

    /** The account registered with that email (as accounts normalise emails), if any. */
    Future<Optional<String>> accountByEmail(String email);

    /** A new account whose email is already verified (by {@code actor}, e.g. {@code oidc:google}); answers its id. */
    Future<String> createVerifiedAccount(RoutingContext ctx, String email, String actor);

    /**
     * Signs the browser in (session cookie on the response, audited with {@code method}); answers
     * the session's CSRF token. Fails 403 for a disabled account, 404 for an unknown one.
     */
    Future<String> startSession(RoutingContext ctx, String accountId, String method);

    /** The email of an account (the name an authenticator shows for its passkey). */
    Future<String> emailOf(String accountId);

    /**
     * Counts one sign-in attempt of {@code method} from the request's address against the
     * per-address sign-in limit; fails 429 with Retry-After when the address is over it.
     */
    Future<Void> limitSignIns(RoutingContext ctx, String method);

    /**
     * Re-authentication before a security change ({@code what}, e.g. "remove a passkey"): the
     * body's {@code currentPassword}, or a sign-in less than ten minutes old; 401 otherwise.
     */
    Future<Void> confirmRecent(RoutingContext ctx, String accountId, String what);

    /** Mails the account's owner a notice of a security change. */
    Future<Void> notify(String accountId, String subject, String body);

    /** Writes an audit entry about the account, acted by itself. */
    Future<Void> audit(RoutingContext ctx, String accountId, String event, Map<String, String> detail);
}
