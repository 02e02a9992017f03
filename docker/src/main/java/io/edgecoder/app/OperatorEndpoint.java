package io.edgecoder.app;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.portal.accounts.TokenService;
import io.edgecoder.portal.app.PortalVerticle;
import io.edgecoder.portal.operator.OperatorBridge;
import io.edgecoder.portal.operator.OperatorBridgeConfig;
import io.edgecoder.portal.operator.OperatorTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The launcher's part of the operator bridge: built on portal nodes (they hold the admin token and
 * the accounts whose personal admin tokens it also accepts, and other roles accept admin requests
 * only from portal or control nodes), and its address
 * written to {@code <data-dir>/operator.endpoint} so {@code edgecoder ctl --data-dir DIR} finds it
 * even on a port chosen at start.
 */
final class OperatorEndpoint {
    static final String FILE = "operator.endpoint";

    private OperatorEndpoint() {
    }

    static Optional<OperatorBridge> bridge(Settings settings, String adminToken, Duration busTimeout, MeterRegistry meters,
                                           PortalVerticle portal) {
        if (portal == null) {
            return Optional.empty();
        }
        TokenService personal = portal.accounts() == null ? null : portal.accounts().parts().tokens();
        OperatorBridgeConfig config = OperatorBridgeConfig.from(settings, OperatorTokens.adminOrPersonal(adminToken, personal),
            busTimeout, meters);
        return config.enabled() ? Optional.of(new OperatorBridge(config)) : Optional.empty();
    }

    /** Writes {@code host:port} of the running bridge; returns the file. */
    static Path write(Path dataDir, Settings settings, int port) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.writeString(file, settings.string(ConfigKeys.OPERATOR_HOST, "127.0.0.1") + ":" + port + "\n");
            return file;
        } catch (IOException e) {
            LoggerFactory.getLogger(OperatorEndpoint.class).warn("cannot write {}: {} (ctl then needs --node)", file, e.getMessage());
            return null;
        }
    }

    static void remove(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // the next start overwrites it
        }
    }
}
