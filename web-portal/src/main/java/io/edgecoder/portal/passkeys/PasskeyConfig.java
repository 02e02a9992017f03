package io.edgecoder.portal.passkeys;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import java.net.URI;
import java.util.Set;

/**
 * The WebAuthn relying party. Browsers bind a passkey to {@code rpId} (a host name: the portal's,
 * or a parent domain of it) and report the page's origin, which must be the one expected.
 * Defaults: the host and origin of {@code portal.public.url}; without one, {@code localhost} and
 * {@code http://localhost:<port>} (browsers allow WebAuthn over plain http only on localhost, and
 * never on an IP address).
 *
 * @param rpId {@code webauthn.rp.id}
 * @param rpName {@code webauthn.rp.name}, shown by authenticators (default EdgeCoder)
 * @param origin {@code webauthn.origin}: scheme, host and port of the portal's pages; null = derived
 *               from the portal's URL when a ceremony runs ({@link #originFor})
 */
public record PasskeyConfig(String rpId, String rpName, String origin) {
    public static final String RP_ID = "webauthn.rp.id";
    public static final String RP_NAME = "webauthn.rp.name";
    public static final String ORIGIN = "webauthn.origin";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "::1", "0.0.0.0", "localhost");

    public PasskeyConfig {
        if (rpId == null || !rpId.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
            throw new ConfigException("setting '" + RP_ID + "' must be a lower-case host name such as portal.example.org,"
                + " got '" + rpId + "'");
        }
        if (rpName == null || rpName.isBlank() || rpName.length() > 64) {
            throw new ConfigException("setting '" + RP_NAME + "' must be 1-64 characters");
        }
        if (origin != null) {
            URI uri = parseOrigin(origin);
            if (!uri.getHost().equals(rpId) && !uri.getHost().endsWith("." + rpId)) {
                throw new ConfigException("setting '" + ORIGIN + "' (" + origin + ") is not on the relying party id '" + rpId
                    + "' or one of its subdomains");
            }
        }
    }

    private static URI parseOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(origin);
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

    /** From settings; {@code publicUrl} is {@code portal.public.url} or null. */
    public static PasskeyConfig from(Settings settings, String publicUrl) {
        String origin = settings.has(ORIGIN) ? settings.string(ORIGIN) : null;
        String basis = origin != null ? origin : publicUrl;
        String host = basis == null ? "localhost" : URI.create(basis).getHost();
        host = host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        String defaultRpId = host == null || LOOPBACK.contains(host) ? "localhost" : host;
        return new PasskeyConfig(settings.string(RP_ID, defaultRpId), settings.string(RP_NAME, "EdgeCoder"), origin);
    }

    /**
     * The origin ceremonies must come from: the configured one, else that of the portal's URL, with
     * a loopback address written as {@code localhost} (the name browsers use WebAuthn with).
     */
    public String originFor(String portalUrl) {
        if (origin != null) {
            return origin;
        }
        URI uri = URI.create(portalUrl);
        String host = LOOPBACK.contains(uri.getHost()) ? "localhost" : uri.getHost();
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
