package io.edgecoder.portal.oidc;

import static io.edgecoder.portal.PortalHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.SignInHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientSession;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with OpenID Connect end to end: a browser (a cookie-keeping client) goes from the portal's
 * start route to a real OIDC provider run in-process and back to the callback, as a browser would.
 */
class OAuthSignInIT {
    @AutoClose
    final SignInHarness portal = new SignInHarness();

    /** Starts a sign-in and passes the provider: answers the callback URL the provider redirects to. */
    private String toProvider(WebClientSession browser, String provider) {
        HttpResponse<Buffer> start = await(browser.get("/api/v1/oauth/" + provider + "/start").send());
        assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(302);
        String authorize = start.getHeader("Location");
        assertThat(authorize).contains("code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "scope=openid");
        HttpResponse<Buffer> atProvider = await(browser.request(HttpMethod.GET, new RequestOptions().setAbsoluteURI(authorize)).send());
        assertThat(atProvider.statusCode()).isEqualTo(302);
        return atProvider.getHeader("Location");
    }

    private static HttpResponse<Buffer> open(WebClientSession browser, String url) {
        return await(browser.request(HttpMethod.GET, new RequestOptions().setAbsoluteURI(url)).send());
    }

    private void providerSays(String issuer, String subject, String email, boolean verified) {
        MockOAuth2Server server = "rotated".equals(issuer) ? portal.rotating : portal.provider;
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, "JWT", null,
            Map.of("email", email, "email_verified", verified), 3600));
    }

    private HttpResponse<Buffer> signInWith(WebClientSession browser, String issuer, String subject, String email, boolean verified) {
        providerSays(issuer, subject, email, verified);
        return open(browser, toProvider(browser, issuer));
    }

    private static JsonObject me(WebClientSession browser) {
        HttpResponse<Buffer> r = await(browser.get("/api/v1/me").send());
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static void refused(HttpResponse<Buffer> r, int status, String message) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
        assertThat(r.bodyAsJsonObject().getString("message")).contains(message);
    }

    @Test
    void aNewVerifiedEmailCreatesAnAccountAndTheSameIdentitySignsInToItAgain() {
        WebClientSession first = portal.browser();
        HttpResponse<Buffer> created = signInWith(first, "google", "g-100", "grace@example.org", true);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(303);
        assertThat(created.getHeader("Location")).isEqualTo("/account/?oauth=created");
        String account = me(first).getString("account");

        WebClientSession second = portal.browser();
        HttpResponse<Buffer> again = signInWith(second, "google", "g-100", "grace@example.org", true);

        assertThat(again.getHeader("Location")).isEqualTo("/account/?oauth=signed-in");
        assertThat(me(second).getString("account")).isEqualTo(account);
        assertThat(me(second).getString("email")).isEqualTo("grace@example.org");
        JsonObject identities = await(second.get("/api/v1/oauth/identities").send()).bodyAsJsonObject();
        assertThat(identities.getJsonArray("identities")).hasSize(1);
        assertThat(identities.getJsonArray("identities").getJsonObject(0).getString("provider")).isEqualTo("google");
    }

    @Test
    void aCallbackWithAnotherStateOrFromAnotherBrowserIsRefused() {
        WebClientSession browser = portal.browser();
        providerSays("google", "g-200", "ada@example.org", true);
        String callback = toProvider(browser, "google");

        refused(open(browser, callback.replaceAll("state=[^&]+", "state=" + OAuthFlow.randomToken())), 401, "unknown or already used");
        refused(open(portal.browser(), callback), 401, "not started in this browser");
        refused(await(portal.browser().get("/api/v1/me").send()), 401, "");
    }

    @Test
    void aReplayedCallbackAndAnInjectedCodeAreRefused() {
        WebClientSession browser = portal.browser();
        providerSays("google", "g-300", "alan@example.org", true);
        String callback = toProvider(browser, "google");
        assertThat(open(browser, callback).statusCode()).isEqualTo(303);

        refused(open(browser, callback), 401, "unknown or already used");

        // the used code planted into a new sign-in of the same browser: its state is fresh, the nonce is not
        String fresh = toProvider(browser, "google");
        String code = callback.replaceAll(".*code=([^&]+).*", "$1");
        refused(open(browser, fresh.replaceAll("code=[^&]+", "code=" + code)), 401, "");
    }

    @Test
    void anIdTokenSignedByAKeyOutsideTheProvidersJwksIsRefused() throws Exception {
        WebClientSession browser = portal.browser();
        assertThat(signInWith(browser, "rotated", "r-1", "eve@example.org", true).statusCode()).isEqualTo(303);
        int port = portal.rotating.baseUrl().port();
        Await.until("the portal's connections to the provider closed", Duration.ofSeconds(30),
            () -> ProviderPorts.acceptedConnections(port), n -> n == 0);
        portal.rotating.shutdown();
        Await.until("port " + port + " free", Duration.ofSeconds(30), () -> ProviderPorts.free(port), free -> free);
        portal.rotating = SignInHarness.startProvider(new MockOAuth2Server(new OAuth2Config(false, null, null, false,
            new OAuth2TokenProvider(new KeyProvider(List.of(), "RS256")))), port);

        refused(signInWith(portal.browser(), "rotated", "r-1", "eve@example.org", true), 401, "signature does not verify");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        portal.provider.enqueueCallback(new DefaultOAuth2TokenCallback("google", "g-400", "JWT", null,
            Map.of("email", "old@example.org", "email_verified", true), -120));
        WebClientSession browser = portal.browser();

        refused(open(browser, toProvider(browser, "google")), 401, "expired");
    }

    @Test
    void anExistingAccountIsLinkedOnlyWhenItsOwnerSignedInAndAskedForIt() {
        JsonObject account = portal.accountWithPassword("linus@example.org", "a long enough passphrase 42");

        refused(signInWith(portal.browser(), "microsoft", "m-1", "linus@example.org", true), 409, "sign in to it");

        WebClientSession owner = portal.browser();
        portal.signIn(owner, "linus@example.org", "a long enough passphrase 42");
        HttpResponse<Buffer> linked = signInWith(owner, "microsoft", "m-1", "linus@example.org", true);
        assertThat(linked.getHeader("Location")).as(linked.bodyAsString()).isEqualTo("/account/?oauth=linked");

        WebClientSession later = portal.browser();
        assertThat(signInWith(later, "microsoft", "m-1", "linus@example.org", true).statusCode()).isEqualTo(303);
        assertThat(me(later).getString("account")).isEqualTo(account.getString("id"));
    }

    @Test
    void anUnverifiedEmailNeitherCreatesNorLinksAnAccount() {
        refused(signInWith(portal.browser(), "google", "g-500", "mallory@example.org", false), 403, "email_verified");
        portal.accountWithPassword("victim@example.org", "a long enough passphrase 42");
        WebClientSession owner = portal.browser();
        portal.signIn(owner, "victim@example.org", "a long enough passphrase 42");

        refused(signInWith(owner, "google", "g-501", "victim@example.org", false), 403, "email_verified");
        refused(signInWith(portal.browser(), "google", "g-502", "victim@example.org", false), 403, "email_verified");
        assertThat(await(owner.get("/api/v1/oauth/identities").send()).bodyAsJsonObject().getJsonArray("identities")).isEmpty();
    }

    @Test
    void startsAreRateLimitedPerAddress() {
        WebClientSession browser = portal.browser();
        for (int i = 0; i < io.edgecoder.portal.accounts.AbuseLimits.DEFAULT.signInsPerAddress(); i++) {
            assertThat(await(browser.get("/api/v1/oauth/google/start").send()).statusCode()).isEqualTo(302);
        }
        HttpResponse<Buffer> limited = await(browser.get("/api/v1/oauth/google/start").send());

        refused(limited, 429, "sign-in attempts");
        assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isPositive();
    }

    @Test
    void unknownProvidersProviderErrorsAndMissingParametersAreClearErrors() {
        refused(await(portal.browser().get("/api/v1/oauth/github/start").send()), 404, "no sign-in provider 'github'");
        refused(await(portal.browser().get("/api/v1/oauth/google/callback?error=access_denied").send()), 401, "access_denied");
        refused(await(portal.browser().get("/api/v1/oauth/google/callback?state=x").send()), 400, "code");
        refused(await(portal.browser().get("/api/v1/oauth/google/callback?code=x&state=" + "s".repeat(200)).send()), 400, "state");
        JsonObject providers = await(portal.browser().get("/api/v1/oauth/providers").send()).bodyAsJsonObject();
        assertThat(providers.getJsonArray("providers")).containsExactly("google", "microsoft", "rotated");
        assertThat(URI.create("http://x/").getPath()).isEqualTo("/");
    }

    /** A state-changing request of a signed-in browser, with its session's CSRF token. */
    private static HttpRequest<Buffer> changing(WebClientSession browser, HttpMethod method, String path) {
        return browser.request(method, path).putHeader("X-CSRF-Token", me(browser).getString("csrfToken"));
    }

    @Test
    void anAccountWithoutAPasswordConfirmsAChangeBySigningInAgain() {
        WebClientSession browser = portal.browser();
        assertThat(signInWith(browser, "google", "g-700", "olga@example.org", true).statusCode()).isEqualTo(303);
        JsonObject payout = new JsonObject().put("address", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");

        HttpResponse<Buffer> fresh = await(changing(browser, HttpMethod.PUT, "/api/v1/me/payout").sendJsonObject(payout));
        portal.clock.advance(Duration.ofMinutes(11));
        HttpResponse<Buffer> stale = await(changing(browser, HttpMethod.DELETE, "/api/v1/me/payout").send());
        HttpResponse<Buffer> withPassword = await(changing(browser, HttpMethod.DELETE, "/api/v1/me/payout")
            .sendJsonObject(new JsonObject().put("currentPassword", "any password at all")));
        assertThat(signInWith(browser, "google", "g-700", "olga@example.org", true).getHeader("Location"))
            .isEqualTo("/account/?oauth=signed-in");
        HttpResponse<Buffer> again = await(changing(browser, HttpMethod.DELETE, "/api/v1/me/payout").send());

        assertThat(fresh.statusCode()).as(fresh.bodyAsString()).isEqualTo(200);
        refused(stale, 401, "give your current password or sign in again");
        refused(withPassword, 400, "this account has no password");
        assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    }

    @Test
    void unlinkingAProviderNeedsReauthenticationAndLeavesAWayToSignIn() {
        WebClientSession only = portal.browser();
        signInWith(only, "google", "g-800", "otto@example.org", true);
        refused(await(changing(only, HttpMethod.DELETE, "/api/v1/oauth/identities/google").send()), 409, "only way to sign in");
        refused(await(changing(only, HttpMethod.DELETE, "/api/v1/oauth/identities/Not%20One").send()), 400, "provider");
        refused(await(changing(only, HttpMethod.DELETE, "/api/v1/oauth/identities/microsoft").send()), 404, "no microsoft identity");

        JsonObject account = portal.accountWithPassword("lena@example.org", "a long enough passphrase 42");
        WebClientSession owner = portal.browser();
        portal.signIn(owner, "lena@example.org", "a long enough passphrase 42");
        signInWith(owner, "microsoft", "m-800", "lena@example.org", true);
        portal.clock.advance(Duration.ofMinutes(11));
        HttpResponse<Buffer> stale = await(changing(owner, HttpMethod.DELETE, "/api/v1/oauth/identities/microsoft").send());
        HttpResponse<Buffer> confirmed = await(changing(owner, HttpMethod.DELETE, "/api/v1/oauth/identities/microsoft")
            .sendJsonObject(new JsonObject().put("currentPassword", "a long enough passphrase 42")));

        refused(stale, 401, "to unlink a sign-in provider");
        assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
        assertThat(await(owner.get("/api/v1/oauth/identities").send()).bodyAsJsonObject().getJsonArray("identities")).isEmpty();
        refused(signInWith(portal.browser(), "microsoft", "m-800", "lena@example.org", true), 409, "sign in to it");
        assertThat(portal.audit(account.getString("id"))).contains("oauth.link", "oauth.unlinked");
    }
}
