package io.edgecoder.app;

import io.edgecoder.core.config.Settings;
import io.edgecoder.portal.accounts.TokenService;
import io.edgecoder.portal.app.PortalVerticle;
import io.edgecoder.portal.ide.IdeConfig;
import io.edgecoder.portal.ide.IdeTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * The launcher's part of the IDE endpoint: built on portal nodes (they hold the admin token and the
 * accounts whose personal tokens it accepts), unless {@code ide.port} is -1; deployed as
 * {@code ide.instances} instances on one port ({@link io.edgecoder.portal.ide.IdeEndpoints}).
 */
final class IdeEndpoint {
    private IdeEndpoint() {
    }

    static Optional<IdeConfig> config(Settings settings, String adminToken, Duration busTimeout, String nodeOrg,
                                      MeterRegistry meters, PortalVerticle portal) {
        if (portal == null) {
            return Optional.empty();
        }
        TokenService personal = portal.accounts() == null ? null : portal.accounts().parts().tokens();
        IdeConfig config = IdeConfig.from(settings, IdeTokens.adminOrPersonal(adminToken, personal), busTimeout, nodeOrg, meters);
        return config.enabled() ? Optional.of(config) : Optional.empty();
    }
}
