package io.edgecoder.portal.oidc;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;

/**
 * What a checked ID token does. An identity already linked signs its account in. Otherwise a
 * provider-verified email is required; an unknown verified email creates a verified account;
 * an email that belongs to an existing account is linked only when that account's owner asked
 * for it, by starting the sign-in while signed in (never silently by email alone). The flow
 * record carries that account: the callback comes from the provider's site, so the session
 * cookie (SameSite=Strict) is not sent with it, while the flow cookie proves it is the browser
 * that started the flow.
 */
public final class OidcSignIn {
    /** What happened: {@code signed-in}, {@code created} or {@code linked}. */
    public record Outcome(String accountId, String result) {
    }

    private final PgIdentityStore identities;
    private final AccountGateway accounts;
    private final Clock clock;

    public OidcSignIn(PgIdentityStore identities, AccountGateway accounts, Clock clock) {
        this.identities = identities;
        this.accounts = accounts;
        this.clock = clock;
    }

    public Future<Outcome> complete(RoutingContext ctx, OAuthFlow flow, IdTokenClaims claims) {
        return identities.accountOf(claims.provider(), claims.subject(), clock.instant())
            .compose(linked -> linked.isPresent() ? signIn(ctx, flow, claims, linked.get())
                : flow.linkAccount() != null ? link(ctx, flow.linkAccount(), claims) : signUp(ctx, claims));
    }

    private Future<Outcome> signIn(RoutingContext ctx, OAuthFlow flow, IdTokenClaims claims, String accountId) {
        if (flow.linkAccount() != null && !flow.linkAccount().equals(accountId)) {
            return Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "this " + claims.provider()
                + " identity is already linked to another account"));
        }
        return accounts.startSession(ctx, accountId, method(claims)).map(csrf -> new Outcome(accountId, "signed-in"));
    }

    /** The signed-in owner asked to link (the flow says so); the provider must vouch for the email. */
    private Future<Outcome> link(RoutingContext ctx, String accountId, IdTokenClaims claims) {
        return requireVerified(claims)
            .compose(email -> identities.link(claims.provider(), claims.subject(), accountId, email, clock.instant()))
            .compose(done -> done ? audited(ctx, accountId, "oauth.link", claims, "linked")
                : Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "this identity is already linked")));
    }

    private Future<Outcome> signUp(RoutingContext ctx, IdTokenClaims claims) {
        return requireVerified(claims).compose(email -> accounts.accountByEmail(email).compose(existing -> {
            if (existing.isPresent()) {
                return accounts.audit(ctx, existing.get(), "oauth.link-refused", Map.of("provider", claims.provider()))
                    .compose(v -> Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "an account with this email"
                        + " exists; sign in to it with its password or a passkey, then link " + claims.provider()
                        + " from your account")));
            }
            return accounts.createVerifiedAccount(ctx, email, method(claims))
                .compose(id -> identities.link(claims.provider(), claims.subject(), id, email, clock.instant()).map(id))
                .compose(id -> accounts.startSession(ctx, id, method(claims)).map(id))
                .compose(id -> audited(ctx, id, "oauth.sign-up", claims, "created"));
        }));
    }

    private Future<Outcome> audited(RoutingContext ctx, String accountId, String event, IdTokenClaims claims, String result) {
        return accounts.audit(ctx, accountId, event, Map.of("provider", claims.provider()))
            .map(v -> new Outcome(accountId, result));
    }

    private static String method(IdTokenClaims claims) {
        return "oidc:" + claims.provider();
    }

    private static Future<String> requireVerified(IdTokenClaims claims) {
        return claims.verifiedEmail() != null ? Future.succeededFuture(claims.verifiedEmail())
            : Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN, claims.provider() + " does not vouch for this"
                + " identity's email (email_verified is not true), so it can neither create nor be linked to an account"));
    }
}
