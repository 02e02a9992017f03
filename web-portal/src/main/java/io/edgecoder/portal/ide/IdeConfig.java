package io.edgecoder.portal.ide;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the IDE endpoint, built once by the launcher.
 *
 * @param host bind address ({@code ide.host}, default 127.0.0.1); another address only with {@code ide.allow.remote=true}
 * @param port {@code ide.port} (default 4311; 0 = any free port; -1 = no endpoint)
 * @param localOnlyByDefault locality of a call that does not choose ({@code ide.locality}: {@code local-only}, the
 *                           default, or {@code mesh}); a request may always narrow {@code mesh} to local-only
 * @param chatTimeout how long one chat call may take ({@code ide.timeout.ms}, default 300 s)
 * @param listTimeout how long a model list may take (the node's bus timeout)
 * @param maxBodyBytes largest request body read ({@code ide.max.body.bytes}, default 4 MiB)
 * @param maxInFlight chat calls held at once ({@code ide.max.in.flight}, default 256); more are answered 429
 * @param nodeOrg the organisation of this node: the org of calls by an account without one (the admin token)
 * @param tokens what tells a caller from its bearer token
 * @param meters where the endpoint's meters go
 * @param instances endpoint instances sharing the port, each on its own event loop with its own chunk address
 *                  ({@code ide.instances}, default the machine's cores, 1..64): connections are spread over them
 */
public record IdeConfig(String host, int port, boolean localOnlyByDefault, Duration chatTimeout, Duration listTimeout,
                        int maxBodyBytes, int maxInFlight, String nodeOrg, IdeTokens tokens, MeterRegistry meters,
                        int instances) {
    public static final int DEFAULT_PORT = 4311;
    public static final Duration DEFAULT_CHAT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 256;
    public static final String LOCAL_ONLY = "local-only";
    public static final String MESH = "mesh";
    /** Most endpoint instances a node runs. */
    public static final int MAX_INSTANCES = 64;

    /** One endpoint instance (tests, and callers from before {@code ide.instances}). */
    public IdeConfig(String host, int port, boolean localOnlyByDefault, Duration chatTimeout, Duration listTimeout,
                     int maxBodyBytes, int maxInFlight, String nodeOrg, IdeTokens tokens, MeterRegistry meters) {
        this(host, port, localOnlyByDefault, chatTimeout, listTimeout, maxBodyBytes, maxInFlight, nodeOrg, tokens, meters, 1);
    }

    /** The default of {@code ide.instances}: one per core (at least 1, at most {@value #MAX_INSTANCES}). */
    public static int defaultInstances() {
        return Math.max(1, Math.min(MAX_INSTANCES, Runtime.getRuntime().availableProcessors()));
    }

    public IdeConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_HOST + "' must not be empty");
        }
        if (port < -1 || port > 65535) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_PORT + "' must be within -1..65535, got " + port);
        }
        requirePositive(chatTimeout, ConfigKeys.IDE_TIMEOUT_MS);
        requirePositive(listTimeout, ConfigKeys.BUS_TIMEOUT_MS);
        if (maxBodyBytes < 1024) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_MAX_BODY_BYTES + "' must be at least 1024");
        }
        if (maxInFlight < 1) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_MAX_IN_FLIGHT + "' must be at least 1");
        }
        if (nodeOrg == null || nodeOrg.isBlank()) {
            throw new IllegalArgumentException("the node's organisation is required");
        }
        Objects.requireNonNull(tokens, "tokens");
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_INSTANCES + "' must be within 1.." + MAX_INSTANCES + ", got " + instances);
        }
        meters = meters == null ? new SimpleMeterRegistry() : meters;
    }

    /** Reads the {@code ide.*} settings with their defaults; fails naming the key. */
    public static IdeConfig from(Settings settings, IdeTokens tokens, Duration busTimeout, String nodeOrg, MeterRegistry meters) {
        String host = settings.string(ConfigKeys.IDE_HOST, "127.0.0.1");
        IdeConfig config = new IdeConfig(host,
            settings.has(ConfigKeys.IDE_PORT) ? settings.integer(ConfigKeys.IDE_PORT, -1, 65535) : DEFAULT_PORT,
            locality(settings.string(ConfigKeys.IDE_LOCALITY, LOCAL_ONLY)),
            settings.has(ConfigKeys.IDE_TIMEOUT_MS) ? settings.millis(ConfigKeys.IDE_TIMEOUT_MS, 1000, 3_600_000) : DEFAULT_CHAT_TIMEOUT,
            busTimeout,
            settings.has(ConfigKeys.IDE_MAX_BODY_BYTES)
                ? settings.integer(ConfigKeys.IDE_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024) : DEFAULT_MAX_BODY_BYTES,
            settings.has(ConfigKeys.IDE_MAX_IN_FLIGHT)
                ? settings.integer(ConfigKeys.IDE_MAX_IN_FLIGHT, 1, 100_000) : DEFAULT_MAX_IN_FLIGHT,
            nodeOrg, tokens, meters,
            settings.has(ConfigKeys.IDE_INSTANCES) ? settings.integer(ConfigKeys.IDE_INSTANCES, 1, MAX_INSTANCES) : defaultInstances());
        if (config.enabled() && !config.loopback() && !(settings.has(ConfigKeys.IDE_ALLOW_REMOTE) && settings.bool(ConfigKeys.IDE_ALLOW_REMOTE))) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_HOST + "': " + host + " is not a loopback address; the IDE"
                + " endpoint speaks plain HTTP, so tokens would cross the network in clear. Keep it on 127.0.0.1 (reach it"
                + " through an SSH tunnel or a TLS proxy), or set " + ConfigKeys.IDE_ALLOW_REMOTE + "=true");
        }
        return config;
    }

    /** {@code local-only} → true, {@code mesh} → false; anything else fails naming the key. */
    static boolean locality(String value) {
        return switch (value) {
            case LOCAL_ONLY -> true;
            case MESH -> false;
            default -> throw new ConfigException("setting '" + ConfigKeys.IDE_LOCALITY + "' must be local-only or mesh, got '"
                + value + "'");
        };
    }

    public boolean enabled() {
        return port >= 0;
    }

    /** Whether {@link #host} is a loopback address. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("setting '" + ConfigKeys.IDE_HOST + "': unknown host " + host);
        }
    }

    public IdeConfig withPort(int newPort) {
        return new IdeConfig(host, newPort, localOnlyByDefault, chatTimeout, listTimeout, maxBodyBytes, maxInFlight, nodeOrg,
            tokens, meters, instances);
    }

    public IdeConfig withMaxInFlight(int newMax) {
        return new IdeConfig(host, port, localOnlyByDefault, chatTimeout, listTimeout, maxBodyBytes, newMax, nodeOrg, tokens, meters,
            instances);
    }

    public IdeConfig withMaxBodyBytes(int newMax) {
        return new IdeConfig(host, port, localOnlyByDefault, chatTimeout, listTimeout, newMax, maxInFlight, nodeOrg, tokens, meters,
            instances);
    }

    public IdeConfig withInstances(int count) {
        return new IdeConfig(host, port, localOnlyByDefault, chatTimeout, listTimeout, maxBodyBytes, maxInFlight, nodeOrg, tokens, meters,
            count);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException("setting '" + name + "' must be a positive duration");
        }
    }

    @Override
    public String toString() {
        return "IdeConfig[host=" + host + ", port=" + port + ", localOnlyByDefault=" + localOnlyByDefault + ", chatTimeout="
            + chatTimeout + ", maxBodyBytes=" + maxBodyBytes + ", maxInFlight=" + maxInFlight + ", nodeOrg=" + nodeOrg + ", instances=" + instances + "]";
    }
}
