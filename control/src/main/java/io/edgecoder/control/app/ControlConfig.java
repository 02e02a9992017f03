package io.edgecoder.control.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the control role, built once by the launcher.
 *
 * @param dbUrl PostgreSQL URI
 * @param poolSize connections of the role's pool ({@code db.pool.size})
 * @param busTimeout default request timeout ({@code bus.timeout.ms})
 * @param caDir the deployment CA directory this role issues from ({@code <data-dir>/ca} or {@code trust.ca.dir})
 * @param identity this node's identity (recorded as approved at start: it holds the CA)
 * @param org this node's organisation, the default of tokens that name none ({@code org})
 * @param roles this node's roles, as recorded for itself
 * @param messageLifetime lifetime of issued message certificates
 * @param tlsLifetime lifetime of issued TLS certificates
 * @param maxTokenTtl longest validity of an enrollment token ({@code control.token.max.minutes}, 7 days)
 * @param joinAddress host:port of this node's cluster membership, shown in the command of a token
 * @param portalUrl the portal URL written into tokens this role makes itself (forced re-enrollment)
 * @param rolloutTick how often running rollouts are checked for their next step ({@code control.rollout.tick.ms}, 1 s)
 */
public record ControlConfig(String dbUrl, int poolSize, Duration busTimeout, Path caDir, NodeIdentity identity, String org,
                            Set<Role> roles, Duration messageLifetime, Duration tlsLifetime, Duration maxTokenTtl,
                            String joinAddress, String portalUrl, Duration rolloutTick) {
    public static final String ROLLOUT_TICK_MS = "control.rollout.tick.ms";

    public ControlConfig(String dbUrl, int poolSize, Duration busTimeout, Path caDir, NodeIdentity identity, String org,
                         Set<Role> roles, Duration messageLifetime, Duration tlsLifetime, Duration maxTokenTtl, String joinAddress) {
        this(dbUrl, poolSize, busTimeout, caDir, identity, org, roles, messageLifetime, tlsLifetime, maxTokenTtl, joinAddress,
            "http://127.0.0.1:4310", Duration.ofSeconds(1));
    }

    public static final String TOKEN_MAX_MINUTES = "control.token.max.minutes";

    public ControlConfig {
        if (dbUrl == null || dbUrl.isBlank()) {
            throw new ConfigException("the control role needs a database URL ('" + ConfigKeys.DB_URL + "')");
        }
        Objects.requireNonNull(caDir, "caDir");
        Objects.requireNonNull(identity, "identity");
        roles = Set.copyOf(roles);
    }

    public static ControlConfig from(Settings settings, String dbUrl, NodeIdentity identity, Set<Role> roles, Path caDir,
                                     Duration messageLifetime, Duration tlsLifetime, String joinAddress) {
        int pool = settings.has(ConfigKeys.DB_POOL_SIZE) ? settings.integer(ConfigKeys.DB_POOL_SIZE, 1, 100) : 4;
        Duration timeout = settings.has(ConfigKeys.BUS_TIMEOUT_MS) ? settings.millis(ConfigKeys.BUS_TIMEOUT_MS, 1, 600_000)
            : Duration.ofSeconds(10);
        int maxMinutes = settings.has(TOKEN_MAX_MINUTES) ? settings.integer(TOKEN_MAX_MINUTES, 1, 525_600) : 7 * 24 * 60;
        String portalUrl = settings.string(ConfigKeys.PORTAL_PUBLIC_URL, "http://" + settings.string(ConfigKeys.HTTP_HOST, "127.0.0.1")
            + ":" + settings.string(ConfigKeys.HTTP_PORT, "4310"));
        Duration tick = settings.has(ROLLOUT_TICK_MS) ? settings.millis(ROLLOUT_TICK_MS, 10, 3_600_000) : Duration.ofSeconds(1);
        return new ControlConfig(dbUrl, pool, timeout, caDir, identity, settings.string(ConfigKeys.ORG, "local"), roles,
            messageLifetime, tlsLifetime, Duration.ofMinutes(maxMinutes), joinAddress, portalUrl, tick);
    }
}
