package io.edgecoder.worker.edge;

import io.edgecoder.core.bridge.FrameReader;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.trust.NodeCredentials;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of an edge worker's link to a bridge.
 *
 * @param host the bridge's host ({@code edge.bridge}, the {@code --bridge host:port} option)
 * @param port the bridge's port
 * @param credentials this node's edge certificate and the deployment CA, the only CA the link trusts
 * @param minBackoff first wait before reconnecting; doubled after each failure up to {@code maxBackoff}
 * @param maxFrameBytes bound of one frame in either direction
 */
public record EdgeLinkConfig(String host, int port, NodeCredentials credentials, Duration minBackoff, Duration maxBackoff,
                             int maxFrameBytes) {
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    public EdgeLinkConfig {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new ConfigException("setting '" + ConfigKeys.EDGE_BRIDGE + "' must be host:port with a port in 1..65535");
        }
        Objects.requireNonNull(credentials, "credentials");
        if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("back-off must be positive and max >= min");
        }
    }

    /** Reads {@code edge.bridge} ({@code host:port}). */
    public static EdgeLinkConfig from(Settings settings, NodeCredentials credentials) {
        String target = settings.string(ConfigKeys.EDGE_BRIDGE);
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new ConfigException("setting '" + ConfigKeys.EDGE_BRIDGE + "' must be host:port, got '" + target + "'");
        }
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("setting '" + ConfigKeys.EDGE_BRIDGE + "' must end in a port number, got '" + target + "'");
        }
        String host = target.substring(0, colon).replaceAll("^\\[|\\]$", "");
        return new EdgeLinkConfig(host, port, credentials, DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF, FrameReader.DEFAULT_MAX_BYTES);
    }

    public String nodeId() {
        return credentials.identity().nodeId();
    }

    public EdgeLinkConfig withBackoff(Duration min, Duration max) {
        return new EdgeLinkConfig(host, port, credentials, min, max, maxFrameBytes);
    }

    @Override
    public String toString() {
        return "EdgeLinkConfig[" + host + ":" + port + ", node " + nodeId() + "]";
    }
}
