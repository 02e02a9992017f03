package io.edgecoder.portal.oidc;

import static io.edgecoder.portal.PortalHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.edgecoder.core.testing.Await;
import java.net.InetAddress;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider side of sign-in against a real OIDC provider run in-process (mock-oauth2-server:
 * discovery, JWKS, authorize and token endpoints): discovery, the PKCE code exchange and the ID
 * token checks, including a token signed by a key the portal's JWKS does not hold.
 */
class OidcProviderIT {
    private static final String REDIRECT = "http://localhost:4310/api/v1/oauth/google/callback";

    private final Vertx vertx = Vertx.vertx();
    private final WebClient browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    private MockOAuth2Server server = started(new MockOAuth2Server(), 0);

    @AfterEach
    void close() {
        server.shutdown();
        browser.close();
        await(vertx.close());
    }

    private static MockOAuth2Server started(MockOAuth2Server s, int port) {
        try {
            s.start(InetAddress.getByName("localhost"), port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    private OidcProvider google() {
        return new OidcProvider("google", server.issuerUrl("google").toString(), "edgecoder-portal", "client-secret");
    }

    /** The browser's trip to the authorize endpoint: answers the code the provider redirects back with. */
    private String authorize(OAuth2Auth client, String state, String nonce, String verifier) {
        String url = client.authorizeURL(new OAuth2AuthorizationURL().setRedirectUri(REDIRECT).setScopes(List.of("openid", "email"))
            .setState(state).setCodeChallenge(OAuthFlow.s256(verifier)).setCodeChallengeMethod("S256")
            .putAdditionalParameter("nonce", nonce));
        HttpResponse<Buffer> redirect = await(browser.request(HttpMethod.GET, new RequestOptions().setAbsoluteURI(url)).send());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI back = URI.create(redirect.getHeader("Location"));
        assertThat(back.getPath()).isEqualTo("/api/v1/oauth/google/callback");
        assertThat(back.getQuery()).contains("state=" + state);
        return back.getQuery().replaceAll(".*code=([^&]+).*", "$1");
    }

    private Future<User> exchange(OAuth2Auth client, String code, String verifier) {
        return client.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE).setCode(code).setRedirectUri(REDIRECT).setCodeVerifier(verifier));
    }

    @Test
    void aDiscoveredProviderYieldsAVerifiedIdTokenWithTheNonce() {
        server.enqueueCallback(new DefaultOAuth2TokenCallback("google", "subject-1", "JWT", null,
            Map.of("email", "ada@example.org", "email_verified", true), 3600));
        OidcProvider google = google();
        OAuth2Auth client = await(new OidcClients(vertx, new OidcConfig(List.of(google), OidcConfig.DEFAULT_FLOW_TTL)).client(google));
        String verifier = OAuthFlow.randomToken();
        String code = authorize(client, "state-1", "nonce-1", verifier);

        IdTokenClaims claims = IdTokenVerifier.verify(await(exchange(client, code, verifier)), google, "nonce-1", Instant.now());

        assertThat(claims).isEqualTo(new IdTokenClaims("google", "subject-1", "ada@example.org", true));
    }

    @Test
    void theProviderRefusesACodeWithTheWrongPkceVerifier() {
        OidcProvider google = google();
        OAuth2Auth client = await(new OidcClients(vertx, new OidcConfig(List.of(google), OidcConfig.DEFAULT_FLOW_TTL)).client(google));
        String code = authorize(client, "state-1", "nonce-1", OAuthFlow.randomToken());

        assertThatThrownBy(() -> await(exchange(client, code, OAuthFlow.randomToken()))).hasMessageContaining("invalid_grant");
    }

    @Test
    void aTokenSignedByAKeyOutsideTheJwksIsRefused() throws Exception {
        OidcProvider google = google();
        OAuth2Auth client = await(new OidcClients(vertx, new OidcConfig(List.of(google), OidcConfig.DEFAULT_FLOW_TTL)).client(google));
        int port = server.baseUrl().port();
        // the same issuer, now signing with a freshly generated key the portal never saw in the JWKS;
        // once the portal has closed its idle connection (it closes first, so the port is not held
        // in TIME_WAIT), a new server can listen on the same port
        Await.until("the portal's connections to port " + port + " closed", Duration.ofSeconds(30),
            () -> ProviderPorts.acceptedConnections(port), n -> n == 0);
        server.shutdown();
        Await.until("port " + port + " free", Duration.ofSeconds(30), () -> ProviderPorts.free(port), free -> free);
        server = started(new MockOAuth2Server(new OAuth2Config(false, null, null, false,
            new OAuth2TokenProvider(new KeyProvider(List.of(), "RS256")))), port);
        String verifier = OAuthFlow.randomToken();
        String code = authorize(client, "state-1", "nonce-1", verifier);

        User user = await(exchange(client, code, verifier));

        assertThatThrownBy(() -> IdTokenVerifier.verify(user, google, "nonce-1", Instant.now()))
            .isInstanceOf(MeshException.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void anUnreachableProviderIs503AndIsDiscoveredOnALaterTry() throws Exception {
        int port = server.baseUrl().port();
        OidcProvider google = google();
        server.shutdown();
        OidcClients clients = new OidcClients(vertx, new OidcConfig(List.of(google), OidcConfig.DEFAULT_FLOW_TTL));
        assertThatThrownBy(() -> await(clients.client(google))).isInstanceOfSatisfying(MeshException.class,
            e -> assertThat(e.code().status()).isEqualTo(503));

        server = started(new MockOAuth2Server(), port);

        assertThat(Await.until("discovery of the restarted provider", Duration.ofSeconds(60),
            () -> clients.client(google).toCompletionStage().toCompletableFuture().handle((c, e) -> c).get(), c -> c != null))
            .isNotNull();
    }

    @Test
    void anUnknownProviderNameIs404() {
        OidcClients clients = new OidcClients(vertx, OidcConfig.none());
        assertThatThrownBy(() -> clients.provider("google")).isInstanceOfSatisfying(MeshException.class,
            e -> assertThat(e.code().status()).isEqualTo(404));
        assertThat(new JsonObject().put("x", 1)).isNotNull();
    }
}
