package io.edgecoder.portal.oidc;

import io.edgecoder.core.config.ConfigException;
import java.net.URI;
import java.util.Set;

/**
 * One OpenID Connect provider the portal signs people in with: Google
 * ({@code https://accounts.google.com}), Microsoft ({@code https://login.microsoftonline.com/<tenant>/v2.0})
 * or any other that publishes a discovery document at {@code <issuer>/.well-known/openid-configuration}.
 *
 * @param name the provider's name in routes ({@code /api/v1/oauth/<name>/start}); lower case
 * @param issuer the issuer URL exactly as the provider's discovery document and ID tokens state it
 * @param clientId the client id registered at the provider
 * @param clientSecret the client secret (never logged; {@link #toString} hides it)
 */
public record OidcProvider(String name, String issuer, String clientId, String clientSecret) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    public OidcProvider {
        String key = OidcConfig.PREFIX + name;
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,31}")) {
            throw new ConfigException("setting '" + OidcConfig.PROVIDERS + "': provider names are 1-32 characters a-z, 0-9"
                + " and '-', starting with a letter, got '" + name + "'");
        }
        issuer = requireIssuer(key + ".issuer", issuer);
        if (clientId == null || clientId.isBlank() || clientId.length() > 256) {
            throw new ConfigException("setting '" + key + ".client.id' is required (1-256 characters)");
        }
        if (clientSecret == null || clientSecret.isBlank() || clientSecret.length() > 1024) {
            throw new ConfigException("setting '" + key + ".client.secret' is required (1-1024 characters)");
        }
    }

    /** https, or http only on a loopback host (a provider run in-process by tests or a developer). */
    private static String requireIssuer(String key, String issuer) {
        if (issuer == null || issuer.isBlank() || issuer.length() > 512) {
            throw new ConfigException("setting '" + key + "' is required: the provider's issuer URL (at most 512 characters)");
        }
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + key + "' is not a URL: '" + issuer + "'");
        }
        boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
        boolean localHttp = "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK.contains(uri.getHost());
        if (!https && !localHttp || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigException("setting '" + key + "' must be an https URL without query or fragment"
                + " (http only on localhost), got '" + issuer + "'");
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return "OidcProvider[name=" + name + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=(hidden)]";
    }
}
