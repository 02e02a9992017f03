package io.edgecoder.portal.passkeys;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import java.net.URI;

/**
 * The WebAuthn relying party. Browsers bind a passkey to {@code rpId} (a host name, the portal's
 * or a parent domain of it) and report the page's {@code origin}; both must match what the
 * portal expects. Defaults: the host and origin of {@code portal.public.url}, else
 * {@code localhost} and {@code http://localhost:<port>} (browsers allow WebAuthn on plain http
 * only for localhost).
 *
 * @param rpId {@code webauthn.rp.id}
 * @param rpName {@code webauthn.rp.name}, shown by authenticators (default EdgeCoder)
 * @param origin {@code webauthn.origin}: scheme, host and port of the portal's pages
 */
public record PasskeyConfig(String rpId, String rpName, String origin) {
    public static final String RP_ID = "webauthn.rp.id";
    public static final String RP_NAME = "webauthn.rp.name";
    public static final String ORIGIN = "webauthn.origin";

    public PasskeyConfig {
        if (rpId == null || !rpId.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
            throw new ConfigException("setting '" + RP_ID + "' must be a lower-case host name such as portal.example.org,"
                + " got '" + rpId + "'");
        }
        if (rpName == null || rpName.isBlank() || rpName.length() > 64) {
            throw new ConfigException("setting '" + RP_NAME + "' must be 1-64 characters");
        }
        URI uri = parseOrigin(origin);
        if (!uri.getHost().equals(rpId) && !uri.getHost().endsWith("." + rpId)) {
            throw new ConfigException("setting '" + ORIGIN + "' (" + origin + ") is not on the relying party id '" + rpId
                + "' or one of its subdomains");
        }
    }

    private static URI parseOrigin(String origin) {
        URI uri;
        try {
            uri = origin == null ? null : URI.create(origin);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        boolean ok = uri != null && uri.getHost() != null && (uri.getPath() == null || uri.getPath().isEmpty())
            && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && "localhost".equals(uri.getHost()));
        if (!ok) {
            throw new ConfigException("setting '" + ORIGIN + "' must be an origin such as https://portal.example.org"
                + " (http only for localhost), got '" + origin + "'");
        }
        return uri;
    }

    /**
     * From settings; {@code publicUrl} is the portal's public URL or null, {@code port} the port
     * it listens on (for the localhost default).
     */
    public static PasskeyConfig from(Settings settings, String publicUrl, int port) {
        String defaultOrigin = publicUrl != null ? originOf(publicUrl) : "http://localhost:" + port;
        String origin = settings.string(ORIGIN, defaultOrigin);
        String rpId = settings.string(RP_ID, URI.create(origin).getHost());
        return new PasskeyConfig(rpId, settings.string(RP_NAME, "EdgeCoder"), origin);
    }

    private static String originOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
