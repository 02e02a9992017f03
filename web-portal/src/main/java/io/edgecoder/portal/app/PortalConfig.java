package io.edgecoder.portal.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.portal.accounts.AccountsConfig;
import io.edgecoder.portal.wallet.BitcoinNetwork;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the portal role, built once by the launcher.
 *
 * @param host address the HTTP server binds to ({@code http.host}, default 127.0.0.1)
 * @param port HTTP port ({@code http.port}, default 4310; 0 = any free port)
 * @param busTimeout timeout of every bus request the API makes ({@code bus.timeout.ms})
 * @param healthTimeout how long {@code /health} waits for each role (the bus timeout, at most 1 s)
 * @param adminToken the bearer token that authenticates as the node's admin
 * @param identity this node's identity (its id appears in {@code /health})
 * @param registry the node's meter registry, served on {@code /metrics}
 * @param publicUrl the portal's URL as other machines reach it ({@code portal.public.url}), written into
 *                  enrollment tokens and account mail; null = {@code http://<host>:<port>}
 * @param accounts accounts, sessions and personal tokens (PostgreSQL, mail); null = none: only the admin token
 *                 authenticates (a portal the launcher starts always has them)
 * @param payoutNetwork the Bitcoin network payout addresses must belong to ({@code portal.payout.network})
 * @param signIn the other ways to sign in to accounts: OpenID Connect providers and passkeys ({@link SignInConfig#from})
 */
public record PortalConfig(
    String host,
    int port,
    Duration busTimeout,
    Duration healthTimeout,
    String adminToken,
    NodeIdentity identity,
    PrometheusMeterRegistry registry,
    String publicUrl,
    AccountsConfig accounts,
    SignInConfig signIn,
    BitcoinNetwork payoutNetwork) {
    /** The setting naming the payout network ({@code mainnet}, {@code testnet} or {@code regtest}; default mainnet). */
    public static final String PAYOUT_NETWORK = "portal.payout.network";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4310;
    public static final Duration DEFAULT_BUS_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration MAX_HEALTH_TIMEOUT = Duration.ofSeconds(1);
    public static final int MIN_TOKEN_LENGTH = 16;

    public PortalConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("setting '" + ConfigKeys.HTTP_HOST + "' must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("setting '" + ConfigKeys.HTTP_PORT + "' must be within 0..65535, got " + port);
        }
        requirePositive(busTimeout, ConfigKeys.BUS_TIMEOUT_MS);
        requirePositive(healthTimeout, "health timeout");
        if (adminToken == null || adminToken.strip().length() < MIN_TOKEN_LENGTH || !adminToken.equals(adminToken.strip())) {
            throw new ConfigException("admin token: must be at least " + MIN_TOKEN_LENGTH
                + " characters without surrounding whitespace");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(signIn, "signIn");
        Objects.requireNonNull(payoutNetwork, "payoutNetwork");
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?") ) {
            throw new ConfigException("setting '" + ConfigKeys.PORTAL_PUBLIC_URL + "' must be an http(s) URL such as"
                + " http://portal.example:4310, got '" + publicUrl + "'");
        }
        if (publicUrl != null && publicUrl.length() > 512) {
            throw new ConfigException("setting '" + ConfigKeys.PORTAL_PUBLIC_URL + "' is longer than 512 characters");
        }
    }

    /** A configuration paying out on mainnet. */
    public PortalConfig(String host, int port, Duration busTimeout, Duration healthTimeout, String adminToken,
                        NodeIdentity identity, PrometheusMeterRegistry registry, String publicUrl, AccountsConfig accounts,
                        SignInConfig signIn) {
        this(host, port, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, accounts, signIn,
            BitcoinNetwork.MAINNET);
    }

    /** A configuration without a public URL (it defaults to {@code http://<host>:<port>}) and without accounts. */
    public PortalConfig(String host, int port, Duration busTimeout, Duration healthTimeout, String adminToken,
                        NodeIdentity identity, PrometheusMeterRegistry registry) {
        this(host, port, busTimeout, healthTimeout, adminToken, identity, registry, null, null);
    }

    /** A configuration without accounts. */
    public PortalConfig(String host, int port, Duration busTimeout, Duration healthTimeout, String adminToken,
                        NodeIdentity identity, PrometheusMeterRegistry registry, String publicUrl) {
        this(host, port, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, null);
    }

    /** A configuration whose accounts have no provider sign-in and passkeys for {@code localhost}. */
    public PortalConfig(String host, int port, Duration busTimeout, Duration healthTimeout, String adminToken,
                        NodeIdentity identity, PrometheusMeterRegistry registry, String publicUrl, AccountsConfig accounts) {
        this(host, port, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, accounts,
            SignInConfig.defaults(publicUrl));
    }

    /**
     * Reads {@code http.host}, {@code http.port}, {@code bus.timeout.ms} and the accounts' settings
     * ({@link AccountsConfig#from}), with defaults; accounts use the database at {@code dbUrl}.
     */
    public static PortalConfig from(Settings settings, String adminToken, NodeIdentity identity,
                                    PrometheusMeterRegistry registry, String dbUrl, Path dataDir) {
        PortalConfig base = from(settings, adminToken, identity, registry).withAccounts(AccountsConfig.from(settings, dbUrl, dataDir));
        return base.withSignIn(SignInConfig.from(settings, base.publicUrl())).withPayoutNetwork(payoutNetwork(settings));
    }

    /** Reads {@code http.host}, {@code http.port} and {@code bus.timeout.ms}, with defaults; no accounts. */
    public static PortalConfig from(Settings settings, String adminToken, NodeIdentity identity,
                                    PrometheusMeterRegistry registry) {
        String host = settings.string(ConfigKeys.HTTP_HOST, DEFAULT_HOST);
        int port = settings.has(ConfigKeys.HTTP_PORT) ? settings.integer(ConfigKeys.HTTP_PORT, 0, 65535) : DEFAULT_PORT;
        Duration busTimeout = settings.has(ConfigKeys.BUS_TIMEOUT_MS)
            ? settings.millis(ConfigKeys.BUS_TIMEOUT_MS, 1, 600_000) : DEFAULT_BUS_TIMEOUT;
        Duration health = busTimeout.compareTo(MAX_HEALTH_TIMEOUT) < 0 ? busTimeout : MAX_HEALTH_TIMEOUT;
        String publicUrl = settings.has(ConfigKeys.PORTAL_PUBLIC_URL) ? settings.string(ConfigKeys.PORTAL_PUBLIC_URL) : null;
        return new PortalConfig(host, port, busTimeout, health, adminToken, identity, registry, publicUrl);
    }

    /** A copy listening on another port (tests bind port 0). */
    public PortalConfig withPort(int newPort) {
        return new PortalConfig(host, newPort, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, accounts, signIn,
            payoutNetwork);
    }

    /** A copy with accounts. */
    public PortalConfig withAccounts(AccountsConfig newAccounts) {
        return new PortalConfig(host, port, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, newAccounts, signIn,
            payoutNetwork);
    }

    /** A copy with other sign-in providers and passkey settings. */
    public PortalConfig withSignIn(SignInConfig newSignIn) {
        return new PortalConfig(host, port, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, accounts, newSignIn,
            payoutNetwork);
    }

    /** A copy paying out on {@code network}. */
    public PortalConfig withPayoutNetwork(BitcoinNetwork network) {
        return new PortalConfig(host, port, busTimeout, healthTimeout, adminToken, identity, registry, publicUrl, accounts, signIn,
            network);
    }

    private static BitcoinNetwork payoutNetwork(Settings settings) {
        if (!settings.has(PAYOUT_NETWORK)) {
            return BitcoinNetwork.MAINNET;
        }
        try {
            return BitcoinNetwork.of(settings.string(PAYOUT_NETWORK));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + PAYOUT_NETWORK + "': " + e.getMessage());
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException("setting '" + name + "' must be a positive duration");
        }
    }

    @Override
    public String toString() {
        return "PortalConfig[host=" + host + ", port=" + port + ", busTimeout=" + busTimeout
            + ", healthTimeout=" + healthTimeout + ", adminToken=(hidden), node=" + identity.nodeId() + ", publicUrl=" + publicUrl
            + ", accounts=" + accounts + ", signIn=" + signIn + "]";
    }
}
