package io.edgecoder.portal.oidc;

import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.pages.AccountPages;
import io.edgecoder.portal.passkeys.PasskeyConfig;
import io.edgecoder.portal.passkeys.PasskeyRoutes;
import io.edgecoder.portal.passkeys.PasskeyService;
import io.edgecoder.portal.passkeys.PgChallengeStore;
import io.edgecoder.portal.passkeys.PgPasskeyStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Sign-in beyond passwords, wired on the portal's accounts: OpenID Connect providers
 * ({@link OAuthRoutes}), passkeys ({@link PasskeyRoutes}) and the account pages that use them.
 * Tables in {@code db/accounts/V002__identities_passkeys.sql}.
 */
public final class ExternalSignIn {
    private final OAuthRoutes oauth;
    private final PasskeyRoutes passkeys;
    private final PgIdentityStore identities;
    private final AccountGateway gateway;

    private ExternalSignIn(OAuthRoutes oauth, PasskeyRoutes passkeys, PgIdentityStore identities, AccountGateway gateway) {
        this.oauth = oauth;
        this.passkeys = passkeys;
        this.identities = identities;
        this.gateway = gateway;
    }

    public static ExternalSignIn create(Vertx vertx, OidcConfig oidc, PasskeyConfig passkeyConfig, Accounts accounts,
                                        Supplier<String> publicUrl, Clock clock) {
        AccountGateway gateway = new AccountsAdapter(accounts);
        PgIdentityStore identities = new PgIdentityStore(accounts.pool());
        OAuthRoutes oauth = new OAuthRoutes(new OidcClients(vertx, oidc), new PgOAuthFlowStore(accounts.pool()),
            new OidcSignIn(identities, gateway, clock), gateway, publicUrl, clock);
        PasskeyService service = new PasskeyService(vertx, passkeyConfig, publicUrl,
            new PgPasskeyStore(accounts.pool(), clock), new PgChallengeStore(accounts.pool()), clock);
        return new ExternalSignIn(oauth, new PasskeyRoutes(service, gateway, () -> publicUrl.get().startsWith("https:")),
            identities, gateway);
    }

    /** Routes open to anyone (mount before the authentication handler) and the account pages. */
    public void mountOpen(Router router, Handler<RoutingContext> jsonGuard) {
        AccountPages.mount(router);
        oauth.mount(router);
        passkeys.mountOpen(router, jsonGuard);
    }

    /** Routes of signed-in accounts (mount after the authentication handler and the body handler). */
    public void mountSignedIn(Router router) {
        passkeys.mountSignedIn(router);
        IdentityRoutes routes = new IdentityRoutes(identities, gateway);
        router.get(OAuthRoutes.BASE + "/identities").handler(routes::list);
        router.delete(OAuthRoutes.BASE + "/identities/:provider").handler(routes::unlink);
    }
}
