package io.edgecoder.portal.oidc;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;

/**
 * What OAuth sign-in and passkeys need from the accounts part of the portal: who is signed in,
 * accounts by email, new verified accounts, sessions and the audit log.
 */
public interface AccountGateway {
    /** The account whose session cookie this request carries, if any. */
    Future<Optional<String>> sessionAccount(RoutingContext ctx);

    /** The account registered with that email (compared as accounts normalise emails), if any. */
    Future<Optional<String>> accountByEmail(String email);

    /** A new account whose email is already verified (by the provider); answers its id. */
    Future<String> createVerifiedAccount(String email);

    /** Starts a session for the account on this response (sets the session cookie). */
    Future<Void> startSession(RoutingContext ctx, String accountId);

    /** The email of an account (shown to the authenticator as the passkey's user name). */
    Future<String> emailOf(String accountId);

    /** Writes an audit entry about the account. */
    Future<Void> audit(RoutingContext ctx, String accountId, String event, Map<String, String> detail);
}
