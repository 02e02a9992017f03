package io.edgecoder.portal.operator;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Configuration of the operator bridge, built once by the launcher.
 *
 * @param host bind address ({@code operator.bridge.host}, default 127.0.0.1); TLS on any non-loopback address
 * @param port {@code operator.bridge.port} (default 4312; 0 = any free port; -1 = no bridge)
 * @param idleSeconds a connection silent this long is closed ({@code operator.bridge.idle.seconds})
 * @param maxFrameBytes bound of one frame either way ({@code operator.bridge.max.frame.bytes})
 * @param requestTimeout how long a forwarded request may take (the node's bus timeout, at least 30 s)
 * @param tokens what tells an operator token from any other string
 * @param meters where the bridge's counters go
 */
public record OperatorBridgeConfig(String host, int port, int idleSeconds, int maxFrameBytes, Duration requestTimeout,
                                   OperatorTokens tokens, MeterRegistry meters) {
    /** How long a new connection has to authenticate. */
    public static final Duration AUTH_DEADLINE = Duration.ofSeconds(10);

    public OperatorBridgeConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("setting '" + ConfigKeys.OPERATOR_HOST + "' must not be empty");
        }
        if (port < -1 || port > 65535) {
            throw new ConfigException("setting '" + ConfigKeys.OPERATOR_PORT + "' must be within -1..65535, got " + port);
        }
        if (idleSeconds < 5) {
            throw new ConfigException("setting '" + ConfigKeys.OPERATOR_IDLE_SECONDS + "' must be at least 5");
        }
        if (maxFrameBytes < 4096) {
            throw new ConfigException("setting '" + ConfigKeys.OPERATOR_MAX_FRAME_BYTES + "' must be at least 4096");
        }
        if (tokens == null) {
            throw new IllegalArgumentException("operator tokens are required");
        }
        meters = meters == null ? new SimpleMeterRegistry() : meters;
    }

    public static OperatorBridgeConfig from(Settings settings, OperatorTokens tokens, Duration busTimeout, MeterRegistry meters) {
        Duration timeout = busTimeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : busTimeout;
        return new OperatorBridgeConfig(settings.string(ConfigKeys.OPERATOR_HOST, "127.0.0.1"),
            settings.integer(ConfigKeys.OPERATOR_PORT, -1, 65535),
            settings.integer(ConfigKeys.OPERATOR_IDLE_SECONDS, 5, 86_400),
            settings.integer(ConfigKeys.OPERATOR_MAX_FRAME_BYTES, 4096, 64 * 1024 * 1024), timeout, tokens, meters);
    }

    public boolean enabled() {
        return port >= 0;
    }

    /** Plain TCP only on a loopback address; anything reachable from elsewhere is TLS. */
    public boolean tls() {
        try {
            return !InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("setting '" + ConfigKeys.OPERATOR_HOST + "': unknown host " + host);
        }
    }

    public OperatorBridgeConfig withPort(int newPort) {
        return new OperatorBridgeConfig(host, newPort, idleSeconds, maxFrameBytes, requestTimeout, tokens, meters);
    }

    public OperatorBridgeConfig withHost(String newHost) {
        return new OperatorBridgeConfig(newHost, port, idleSeconds, maxFrameBytes, requestTimeout, tokens, meters);
    }
}
