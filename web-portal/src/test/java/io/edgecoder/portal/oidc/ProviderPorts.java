package io.edgecoder.portal.oidc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For tests that restart an in-process provider on the same port with other keys: the port is
 * free again once the portal has closed its idle connections (it closes first, so the server's
 * side is not held in TIME_WAIT) and the old server has stopped.
 */
final class ProviderPorts {
    private ProviderPorts() {
    }

    /** Sockets with local port {@code port} other than a listening one, from the kernel's tables (Linux). */
    static long acceptedConnections(int port) throws IOException {
        String local = String.format(":%04X", port);
        long n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (Files.exists(path)) {
                n += Files.readAllLines(path).stream().skip(1).map(line -> line.trim().split("\\s+"))
                    .filter(f -> f[1].endsWith(local) && !"0A".equals(f[3]))
                    .count();
            }
        }
        return n;
    }

    static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(InetAddress.getByName("localhost"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
