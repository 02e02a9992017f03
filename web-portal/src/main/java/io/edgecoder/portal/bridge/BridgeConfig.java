package io.edgecoder.portal.bridge;

import io.edgecoder.core.bridge.FrameReader;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Configuration of the edge bridge, built once by the launcher.
 *
 * @param host address the bridge binds to ({@code bridge.host}, default the cluster host)
 * @param port TLS port ({@code bridge.port}, default 4313; 0 = any free port; -1 = no bridge)
 * @param maxConnections edge connections held at once ({@code bridge.max.connections})
 * @param maxFrameBytes bound of one frame in either direction
 * @param meters where the bridge's meters are registered
 */
public record BridgeConfig(String host, int port, int maxConnections, int maxFrameBytes, MeterRegistry meters) {
    public static final int DEFAULT_PORT = 4313;

    public BridgeConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("setting '" + ConfigKeys.BRIDGE_HOST + "' must not be empty");
        }
        if (port < -1 || port > 65535) {
            throw new ConfigException("setting '" + ConfigKeys.BRIDGE_PORT + "' must be within -1..65535, got " + port);
        }
        if (maxConnections < 1) {
            throw new ConfigException("setting '" + ConfigKeys.BRIDGE_MAX_CONNECTIONS + "' must be at least 1");
        }
        if (maxFrameBytes < 1024) {
            throw new ConfigException("bridge frame bound must be at least 1024 bytes");
        }
        meters = meters == null ? new SimpleMeterRegistry() : meters;
    }

    public static BridgeConfig from(Settings settings, MeterRegistry meters) {
        String host = settings.string(ConfigKeys.BRIDGE_HOST, settings.string(ConfigKeys.CLUSTER_HOST, "127.0.0.1"));
        int port = settings.has(ConfigKeys.BRIDGE_PORT) ? settings.integer(ConfigKeys.BRIDGE_PORT, -1, 65535) : DEFAULT_PORT;
        int max = settings.has(ConfigKeys.BRIDGE_MAX_CONNECTIONS)
            ? settings.integer(ConfigKeys.BRIDGE_MAX_CONNECTIONS, 1, 1_000_000) : 10_000;
        return new BridgeConfig(host, port, max, FrameReader.DEFAULT_MAX_BYTES, meters);
    }

    /** Whether the node runs a bridge at all. */
    public boolean enabled() {
        return port >= 0;
    }

    public BridgeConfig withPort(int newPort) {
        return new BridgeConfig(host, newPort, maxConnections, maxFrameBytes, meters);
    }

    public BridgeConfig withMaxConnections(int max) {
        return new BridgeConfig(host, port, max, maxFrameBytes, meters);
    }
}
