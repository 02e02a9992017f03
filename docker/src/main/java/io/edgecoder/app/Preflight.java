package io.edgecoder.app;

import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Checks of cheap settings made before a node starts anything slow (the embedded PostgreSQL,
 * the cluster), so a mistyped option fails in a moment with a message naming it.
 */
final class Preflight {
    private Preflight() {
    }

    static void check(Settings settings, Set<Role> roles) {
        NodeLogs.level(settings);
        if (roles.contains(Role.PORTAL)) {
            httpPort(settings);
            // The IDE endpoint's settings (port range, loopback, locality) fail now rather than after the database started.
            io.edgecoder.portal.ide.IdeConfig.from(settings, token -> null, java.time.Duration.ofSeconds(1), "preflight", null);
        }
    }

    /** The portal port must be a number in range and, unless 0 (any), free on the portal's host. */
    static void httpPort(Settings settings) {
        int port = settings.integer(ConfigKeys.HTTP_PORT, 0, 65535);
        String host = settings.string(ConfigKeys.HTTP_HOST);
        if (port == 0) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConfigException("setting '" + ConfigKeys.HTTP_HOST + "': cannot resolve '" + host + "'");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (IOException e) {
            throw new ConfigException("setting '" + ConfigKeys.HTTP_PORT + "': cannot listen on " + host + ":" + port
                + " (" + e.getMessage() + "; is another node or program using it?)");
        }
    }
}
