package io.edgecoder.portal.oidc;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.impl.HttpJson;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The browser side of OpenID Connect sign-in: {@code GET /api/v1/oauth/{provider}/start}
 * redirects to the provider with PKCE (S256), {@code state} and {@code nonce}, and binds the
 * flow to this browser with a cookie; {@code GET /api/v1/oauth/{provider}/callback} takes the
 * flow (once), exchanges the code, checks the ID token and hands it to {@link OidcSignIn}.
 * Started while signed in, the flow links the identity to that account.
 */
public final class OAuthRoutes {
    public static final String BASE = "/api/v1/oauth";
    public static final String FLOW_COOKIE = "edgecoder_oauth_flow";
    /** Where a browser lands after a successful sign-in; {@code ?oauth=<result>} tells what happened. */
    public static final String DONE_PAGE = "/account/";
    static final int MAX_STATE = 128;
    static final int MAX_CODE = 4096;
    private static final List<String> SCOPES = List.of("openid", "email", "profile");

    private final OidcClients clients;
    private final PgOAuthFlowStore flows;
    private final OidcSignIn signIn;
    private final AccountGateway accounts;
    private final Supplier<String> publicUrl;
    private final Clock clock;

    public OAuthRoutes(OidcClients clients, PgOAuthFlowStore flows, OidcSignIn signIn, AccountGateway accounts,
                       Supplier<String> publicUrl, Clock clock) {
        this.clients = clients;
        this.flows = flows;
        this.signIn = signIn;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Mounts the open routes (no session required); they must come before any handler that demands one. */
    public void mount(Router router) {
        router.get(BASE + "/providers").handler(this::providers);
        router.get(BASE + "/:provider/start").handler(this::start);
        router.get(BASE + "/:provider/callback").handler(this::callback);
    }

    private void providers(RoutingContext ctx) {
        JsonArray names = new JsonArray();
        clients.config().providers().forEach(p -> names.add(p.name()));
        HttpJson.send(ctx, 200, new JsonObject().put("providers", names));
    }

    private void start(RoutingContext ctx) {
        Future.succeededFuture(ctx.pathParam("provider")).map(clients::provider)
            .compose(provider -> accounts.limitSignIns(ctx, "oauth").map(provider))
            .compose(provider -> accounts.sessionAccount(ctx).compose(session -> begin(ctx, provider, session)))
            .onFailure(ctx::fail);
    }

    private Future<Void> begin(RoutingContext ctx, OidcProvider provider, Optional<String> session) {
        String binding = OAuthFlow.randomToken();
        OAuthFlow flow = new OAuthFlow(OAuthFlow.randomToken(), provider.name(), OAuthFlow.sha256(binding),
            OAuthFlow.randomToken(), OAuthFlow.randomToken(), session.orElse(null),
            clock.instant().plus(clients.config().flowTtl()));
        return clients.client(provider)
            .compose(client -> flows.save(flow, clock.instant()).map(client))
            .map(client -> client.authorizeURL(new OAuth2AuthorizationURL()
                .setRedirectUri(redirectUri(provider))
                .setScopes(SCOPES)
                .setState(flow.state())
                .setCodeChallenge(OAuthFlow.s256(flow.codeVerifier()))
                .setCodeChallengeMethod("S256")
                .putAdditionalParameter("nonce", flow.nonce())))
            .compose(url -> {
                ctx.response().addCookie(flowCookie(binding, clients.config().flowTtl().toSeconds()));
                return ctx.response().setStatusCode(302).putHeader("Location", url).putHeader("Cache-Control", "no-store").end();
            });
    }

    private void callback(RoutingContext ctx) {
        String binding = Optional.ofNullable(ctx.request().getCookie(FLOW_COOKIE)).map(Cookie::getValue).orElse(null);
        ctx.response().addCookie(flowCookie("", 0));
        Future.succeededFuture(ctx.pathParam("provider")).map(clients::provider)
            .compose(provider -> finish(ctx, provider, binding))
            .compose(outcome -> ctx.response().setStatusCode(303).putHeader("Cache-Control", "no-store")
                .putHeader("Location", DONE_PAGE + "?oauth=" + outcome.result()).end())
            .onFailure(ctx::fail);
    }

    private Future<OidcSignIn.Outcome> finish(RoutingContext ctx, OidcProvider provider, String binding) {
        String error = ctx.request().getParam("error");
        if (error != null) {
            return Future.failedFuture(IdTokenVerifier.refused("the provider refused the sign-in: "
                + error.replaceAll("[^a-z_]", "?").substring(0, Math.min(error.length(), 64))));
        }
        String state = bounded(ctx, "state", MAX_STATE);
        String code = bounded(ctx, "code", MAX_CODE);
        return flows.take(state)
            .map(found -> checkFlow(found, provider, binding))
            .compose(flow -> clients.client(provider).compose(client -> exchange(client, provider, flow, code))
                .map(user -> IdTokenVerifier.verify(user, provider, flow.nonce(), clock.instant()))
                .compose(claims -> signIn.complete(ctx, flow, claims)));
    }

    private OAuthFlow checkFlow(Optional<OAuthFlow> found, OidcProvider provider, String binding) {
        OAuthFlow flow = found.orElseThrow(() -> IdTokenVerifier.refused("unknown or already used sign-in state"));
        if (!flow.provider().equals(provider.name()) || !flow.boundTo(binding)) {
            throw IdTokenVerifier.refused("this sign-in was not started in this browser");
        }
        if (!clock.instant().isBefore(flow.expiresAt())) {
            throw IdTokenVerifier.refused("this sign-in has expired; start again");
        }
        return flow;
    }

    private Future<User> exchange(OAuth2Auth client, OidcProvider provider, OAuthFlow flow, String code) {
        return client.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code).setRedirectUri(redirectUri(provider))
                .setCodeVerifier(flow.codeVerifier()))
            .recover(e -> Future.failedFuture(e instanceof MeshException ? e : exchangeFailed(e)));
    }

    /** The library reports tokens that expire before they arrive as a failed exchange; say so. */
    private static MeshException exchangeFailed(Throwable e) {
        boolean expired = e.getMessage() != null && e.getMessage().contains("expired");
        return IdTokenVerifier.refused(expired ? "the provider's tokens have expired already"
            : "the provider did not accept the authorization code");
    }

    private static String bounded(RoutingContext ctx, String name, int max) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isEmpty() || value.length() > max) {
            throw MeshException.badRequest("query parameter '" + name + "' is required (at most " + max + " characters)");
        }
        return value;
    }

    private String redirectUri(OidcProvider provider) {
        return publicUrl.get() + BASE + "/" + provider.name() + "/callback";
    }

    private Cookie flowCookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(FLOW_COOKIE, value).setPath(BASE).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
            .setSecure(publicUrl.get().startsWith("https:")).setMaxAge(maxAgeSeconds);
    }
}
