package io.edgecoder.portal.oidc;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Vert.x OAuth2 client per provider, set up from the provider's discovery document (and its
 * JWKS) on first use: a provider that is down when the portal starts does not stop the portal,
 * and the next sign-in tries discovery again. Discovery checks that the document's issuer is
 * the configured one.
 */
public final class OidcClients {
    private static final Logger LOG = LoggerFactory.getLogger(OidcClients.class);
    private static final int TIMEOUT_MS = 10_000;
    static final int KEEP_ALIVE_SECONDS = 1;
    /** A provider that sends nothing for this long fails the request. */
    static final int IDLE_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final OidcConfig config;
    private final Map<String, Future<OAuth2Auth>> clients = new ConcurrentHashMap<>();

    public OidcClients(Vertx vertx, OidcConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    public OidcConfig config() {
        return config;
    }

    /** The provider of that name; fails 404 for a name not configured. */
    public OidcProvider provider(String name) {
        return config.provider(name).orElseThrow(() -> MeshException.notFound("no sign-in provider '"
            + (name.length() <= 32 ? name : name.substring(0, 32)).replaceAll("[^a-zA-Z0-9-]", "?") + "'"));
    }

    /** The discovered client of a configured provider; 503 while its discovery fails. */
    public Future<OAuth2Auth> client(OidcProvider provider) {
        Future<OAuth2Auth> known = clients.get(provider.name());
        if (known != null && known.succeeded()) {
            return known;
        }
        Future<OAuth2Auth> discovering = clients.compute(provider.name(),
            (name, current) -> current == null || current.failed() ? discover(provider) : current);
        return discovering.recover(e -> Future.failedFuture(MeshException.unavailable("sign-in provider '" + provider.name()
            + "' cannot be reached; try again later")));
    }

    /**
     * A token named a key the JWKS did not have: the provider has rotated its keys. That sign-in
     * is refused; the keys are fetched again for the next one.
     */
    private static void refreshKeys(OAuth2Auth client, OidcProvider provider) {
        client.jWKSet().onFailure(e -> LOG.warn("sign-in provider {}: fetching its keys again failed: {}", provider.name(),
            e.getMessage()));
    }

    private Future<OAuth2Auth> discover(OidcProvider provider) {
        OAuth2Options options = new OAuth2Options()
            .setSite(provider.issuer())
            .setClientId(provider.clientId())
            .setClientSecret(provider.clientSecret())
            .setValidateIssuer(true)
            .setJWTOptions(new JWTOptions().setLeeway((int) IdTokenVerifier.LEEWAY.toSeconds()))
            .setHttpClientOptions(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS).setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                // sign-ins are rare: close idle provider connections soon rather than hold them open
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS));
        return OpenIDConnectAuth.discover(vertx, options)
            .onSuccess(c -> c.missingKeyHandler(kid -> refreshKeys(c, provider)))
            .onSuccess(c -> LOG.info("sign-in provider {} discovered at {}", provider.name(), provider.issuer()))
            .onFailure(e -> LOG.warn("sign-in provider {} discovery at {} failed: {}", provider.name(), provider.issuer(),
                e.getMessage()));
    }
}
