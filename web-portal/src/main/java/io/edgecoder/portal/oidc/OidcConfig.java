package io.edgecoder.portal.oidc;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sign-in providers of the portal. {@code oauth.providers} lists their names; each name
 * {@code n} reads {@code oauth.n.issuer}, {@code oauth.n.client.id} and {@code oauth.n.client.secret}.
 * No providers (the default) means the OAuth routes answer 404 for every provider.
 *
 * @param providers the configured providers, by name
 * @param flowTtl how long a started sign-in may take before its callback is refused
 */
public record OidcConfig(List<OidcProvider> providers, Duration flowTtl) {
    public static final String PROVIDERS = "oauth.providers";
    public static final String PREFIX = "oauth.";
    public static final Duration DEFAULT_FLOW_TTL = Duration.ofMinutes(10);
    public static final int MAX_PROVIDERS = 16;

    public OidcConfig {
        providers = List.copyOf(providers);
        if (providers.size() > MAX_PROVIDERS) {
            throw new ConfigException("setting '" + PROVIDERS + "' names more than " + MAX_PROVIDERS + " providers");
        }
        Set<String> names = new HashSet<>();
        for (OidcProvider p : providers) {
            if (!names.add(p.name())) {
                throw new ConfigException("setting '" + PROVIDERS + "' names '" + p.name() + "' twice");
            }
        }
        if (flowTtl == null || flowTtl.isNegative() || flowTtl.isZero() || flowTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException("oauth flow lifetime must be within (0, 1 h]");
        }
    }

    public static OidcConfig none() {
        return new OidcConfig(List.of(), DEFAULT_FLOW_TTL);
    }

    public static OidcConfig from(Settings settings) {
        if (!settings.has(PROVIDERS)) {
            return none();
        }
        List<OidcProvider> providers = new ArrayList<>();
        for (String name : settings.list(PROVIDERS)) {
            providers.add(new OidcProvider(name, value(settings, name, "issuer"), value(settings, name, "client.id"),
                value(settings, name, "client.secret")));
        }
        return new OidcConfig(providers, DEFAULT_FLOW_TTL);
    }

    /** Reads one provider's settings from a plain map (tests, embedding). */
    public static OidcConfig of(Map<String, String> values) {
        return from(Settings.of(values));
    }

    private static String value(Settings settings, String name, String suffix) {
        String key = PREFIX + name + "." + suffix;
        return settings.has(key) ? settings.string(key) : null;
    }

    public Optional<OidcProvider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
