package io.edgecoder.inference;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One model provider of an inference node, as {@code --provider [remote:]NAME=URL} configures it.
 *
 * @param kind which wire protocol the server speaks
 * @param baseUrl the server's base URL without a trailing slash ({@code http://h:11434} for Ollama,
 *     {@code http://h:8080/v1} for an OpenAI-compatible server)
 * @param remote a cloud provider: used only when a request names it in {@code allowRemote}
 * @param apiKey bearer token sent to the provider, or null; never logged
 * @param maxConcurrent calls this provider runs at once; beyond it the node answers 429
 */
public record ProviderConfig(String name, Kind kind, URI baseUrl, boolean remote, String apiKey, int maxConcurrent) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** The two wire protocols spoken. */
    public enum Kind {
        OLLAMA, OPENAI;

        public static Kind parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kind must be ollama or openai, got '" + value + "'");
            }
        }

        /** The kind a URL implies: a path ending in {@code /v1} is OpenAI-compatible, anything else Ollama. */
        public static Kind of(URI url) {
            String path = url.getPath() == null ? "" : url.getPath();
            return path.replaceAll("/+$", "").endsWith("/v1") ? OPENAI : OLLAMA;
        }
    }

    public ProviderConfig {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("provider name must be 1-32 of a-z, 0-9, '-', '_' (starting with a letter or"
                + " digit), got '" + name + "'");
        }
        if (baseUrl == null || baseUrl.getHost() == null
            || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("provider '" + name + "': URL must be http:// or https:// with a host");
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("provider '" + name + "': put credentials in inference.provider." + name
                + ".api.key, not in the URL");
        }
        if (maxConcurrent < 1 || maxConcurrent > 1024) {
            throw new IllegalArgumentException("provider '" + name + "': max.concurrent must be within 1..1024");
        }
        String trimmed = baseUrl.toString().replaceAll("/+$", "");
        baseUrl = URI.create(trimmed);
    }

    /** The URL of {@code path} (starting with '/') on this provider. */
    public String url(String path) {
        return baseUrl + path;
    }

    @Override
    public String toString() {
        // Never the key.
        return name + "(" + kind.name().toLowerCase(Locale.ROOT) + (remote ? ", remote" : "") + ", " + baseUrl + ")";
    }
}
