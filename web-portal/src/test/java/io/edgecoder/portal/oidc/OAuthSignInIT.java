package io.edgecoder.portal.oidc;

import static io.edgecoder.portal.PortalHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.SignInHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
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
}
