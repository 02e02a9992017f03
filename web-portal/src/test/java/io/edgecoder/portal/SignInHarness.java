package io.edgecoder.portal;

import static io.edgecoder.portal.PortalHarness.await;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.testing.MutableClock;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.portal.accounts.AccountsConfig;
import io.edgecoder.portal.app.PortalConfig;
import io.edgecoder.portal.app.PortalVerticle;
import io.edgecoder.portal.app.SignInConfig;
import io.edgecoder.portal.oidc.OidcConfig;
import io.edgecoder.portal.oidc.OidcProvider;
import io.edgecoder.portal.passkeys.PasskeyConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A portal with accounts on a fresh database, configured with sign-in providers served by a real
 * OIDC provider in-process (mock-oauth2-server): {@code google} and {@code microsoft} are issuers of
 * {@link #provider}; {@code rotated} is the issuer of its own server {@link #rotating}, which a
 * test may restart with other keys. Passkeys use the default relying party ({@code localhost}).
 */
public final class SignInHarness implements AutoCloseable {
    public static final String CLIENT_ID = "edgecoder-portal";

    public final Vertx vertx = Vertx.vertx();
    public final MockOAuth2Server provider = startProvider(new MockOAuth2Server(), 0);
    public MockOAuth2Server rotating = startProvider(new MockOAuth2Server(), 0);
    public final MutableClock clock = new MutableClock(Instant.now());
    public final PortalVerticle verticle;
    private final Path outbox;
    private final WebClient client;

    public SignInHarness() {
        try {
            outbox = Files.createTempDirectory("edgecoder-outbox");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String dbUrl = TestDatabase.freshDatabase();
        AccountsConfig d = AccountsConfig.defaults(dbUrl, null, outbox);
        AccountsConfig accounts = new AccountsConfig(dbUrl, 4, AccountsHarness.CHEAP, false, d.sessionLifetime(), d.sessionIdle(),
            d.maxTokenDays(), d.cacheTtl(), d.limits(), null, outbox);
        OidcConfig oidc = new OidcConfig(List.of(provider("google", this.provider), provider("microsoft", this.provider),
            provider("rotated", rotating)), OidcConfig.DEFAULT_FLOW_TTL);
        PortalConfig config = new PortalConfig("127.0.0.1", 0, Duration.ofSeconds(5), Duration.ofMillis(300), PortalHarness.TOKEN,
            NodeIdentity.ephemeral(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null, accounts,
            new SignInConfig(oidc, PasskeyConfig.from(io.edgecoder.core.config.Settings.of(Map.of()), null)));
        verticle = new PortalVerticle(config, clock);
        await(vertx.deployVerticle(verticle));
        // closes idle connections after a second, so a test can restart a provider on the same port
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAliveTimeout(1)
            .setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    private static OidcProvider provider(String name, MockOAuth2Server server) {
        return new OidcProvider(name, server.issuerUrl(name).toString(), CLIENT_ID, "client-secret-" + name);
    }

    public static MockOAuth2Server startProvider(MockOAuth2Server server, int port) {
        try {
            server.start(InetAddress.getByName("localhost"), port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    public int port() {
        return verticle.actualPort();
    }

    /** A browser: a client that keeps cookies and does not follow redirects. */
    public WebClientSession browser() {
        return WebClientSession.create(client);
    }

    /** An account with a password, made by the admin. */
    public JsonObject accountWithPassword(String email, String password) {
        HttpResponse<Buffer> r = await(client.request(HttpMethod.POST, "/api/v1/admin/accounts")
            .bearerTokenAuthentication(PortalHarness.TOKEN).sendJsonObject(new JsonObject().put("email", email).put("password", password)));
        if (r.statusCode() != 201) {
            throw new AssertionError("admin create answered " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject();
    }

    /** Signs {@code browser} in with a password; answers the CSRF token. */
    public String signIn(WebClientSession browser, String email, String password) {
        HttpResponse<Buffer> r = await(browser.request(HttpMethod.POST, "/api/v1/sessions")
            .sendJsonObject(new JsonObject().put("email", email).put("password", password)));
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-in answered " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("csrfToken");
    }

    /** The account's audit events, oldest first. */
    public List<String> audit(String accountId) {
        List<String> events = new java.util.ArrayList<>();
        await(verticle.accounts().pool().preparedQuery("SELECT event FROM account_audit WHERE account_id = $1 ORDER BY id")
            .execute(io.vertx.sqlclient.Tuple.of(accountId))).forEach(r -> events.add(r.getString(0)));
        return events;
    }

    @Override
    public void close() {
        client.close();
        await(vertx.close());
        provider.shutdown();
        rotating.shutdown();
        TempFiles.deleteTree(outbox);
    }
}
