package io.edgecoder.portal.accounts;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of the portal's accounts, built once by the launcher.
 *
 * @param dbUrl PostgreSQL URI (the node's {@code db.url}, or its embedded database)
 * @param poolSize connections of the portal's pool ({@code db.pool.size}, default 4)
 * @param hash Argon2id parameters ({@code accounts.hash.memory.kib}, {@code .iterations}, {@code .parallelism})
 * @param cookieSecure {@code true}/{@code false}, or null for auto: Secure when the portal's public URL is https
 *                     ({@code accounts.cookie.secure}: auto, true, false)
 * @param sessionLifetime absolute lifetime of a session ({@code accounts.session.hours}, default 168)
 * @param sessionIdle a session unused this long ends ({@code accounts.session.idle.minutes}, default 1440)
 * @param maxTokenDays longest validity of a personal API token ({@code accounts.token.max.days}, default 365)
 * @param cacheTtl how long a node trusts a resolved session or token without asking the database again; revocation
 *                 evicts at once on every node through the bus (default 30 s)
 * @param limits rate limits and lockout
 * @param smtp the SMTP server, or null: then mail is appended to {@code outbox}
 * @param outbox the file mail goes to without SMTP ({@code <data-dir>/mail-outbox}, mode 0600); null only with SMTP
 */
public record AccountsConfig(String dbUrl, int poolSize, PasswordHasher.Params hash, Boolean cookieSecure,
                             Duration sessionLifetime, Duration sessionIdle, int maxTokenDays, Duration cacheTtl,
                             AbuseLimits limits, SmtpSettings smtp, Path outbox) {
    public static final String HASH_MEMORY = "accounts.hash.memory.kib";
    public static final String HASH_ITERATIONS = "accounts.hash.iterations";
    public static final String HASH_PARALLELISM = "accounts.hash.parallelism";
    public static final String COOKIE_SECURE = "accounts.cookie.secure";
    public static final String SESSION_HOURS = "accounts.session.hours";
    public static final String SESSION_IDLE_MINUTES = "accounts.session.idle.minutes";
    public static final String TOKEN_MAX_DAYS = "accounts.token.max.days";
    public static final String OUTBOX_FILE = "mail-outbox";

    public AccountsConfig {
        if (dbUrl == null || dbUrl.isBlank()) {
            throw new ConfigException("the portal role needs a database URL ('" + ConfigKeys.DB_URL + "')");
        }
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(limits, "limits");
        if (smtp == null && outbox == null) {
            throw new ConfigException("accounts need an SMTP server ('smtp.host') or an outbox file");
        }
        if (maxTokenDays < 1 || maxTokenDays > 3650) {
            throw new ConfigException("setting '" + TOKEN_MAX_DAYS + "' must be within 1..3650");
        }
    }

    /** Defaults for everything but the database and where mail goes (tests adjust from here). */
    public static AccountsConfig defaults(String dbUrl, SmtpSettings smtp, Path outbox) {
        return new AccountsConfig(dbUrl, 4, PasswordHasher.Params.DEFAULT, null, Duration.ofDays(7), Duration.ofHours(24), 365,
            Duration.ofSeconds(30), AbuseLimits.DEFAULT, smtp, outbox);
    }

    public static AccountsConfig from(Settings settings, String dbUrl, Path dataDir) {
        int pool = settings.has(ConfigKeys.DB_POOL_SIZE) ? settings.integer(ConfigKeys.DB_POOL_SIZE, 1, 100) : 4;
        PasswordHasher.Params d = PasswordHasher.Params.DEFAULT;
        PasswordHasher.Params hash = new PasswordHasher.Params(
            settings.has(HASH_MEMORY) ? settings.integer(HASH_MEMORY, 1024, 4 * 1024 * 1024) : d.memoryKiB(),
            settings.has(HASH_ITERATIONS) ? settings.integer(HASH_ITERATIONS, 1, 100) : d.iterations(),
            settings.has(HASH_PARALLELISM) ? settings.integer(HASH_PARALLELISM, 1, 16) : d.parallelism());
        Duration lifetime = Duration.ofHours(settings.has(SESSION_HOURS) ? settings.integer(SESSION_HOURS, 1, 24 * 90) : 168);
        Duration idle = Duration.ofMinutes(settings.has(SESSION_IDLE_MINUTES)
            ? settings.integer(SESSION_IDLE_MINUTES, 5, 60 * 24 * 90) : 1440);
        int tokenDays = settings.has(TOKEN_MAX_DAYS) ? settings.integer(TOKEN_MAX_DAYS, 1, 3650) : 365;
        return new AccountsConfig(dbUrl, pool, hash, cookieSecure(settings), lifetime, idle, tokenDays, Duration.ofSeconds(30),
            AbuseLimits.DEFAULT, smtp(settings), dataDir.resolve(OUTBOX_FILE));
    }

    private static Boolean cookieSecure(Settings settings) {
        String value = settings.string(COOKIE_SECURE, "auto").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ConfigException("setting '" + COOKIE_SECURE + "' must be auto, true or false, got '" + value + "'");
        };
    }

    private static SmtpSettings smtp(Settings settings) {
        if (!settings.has("smtp.host")) {
            return null;
        }
        String security = settings.string("smtp.security", "starttls");
        int defaultPort = switch (security.strip().toLowerCase(Locale.ROOT)) {
            case "tls" -> 465;
            case "none" -> 25;
            default -> 587;
        };
        int port = settings.has("smtp.port") ? settings.integer("smtp.port", 1, 65535) : defaultPort;
        return new SmtpSettings(settings.string("smtp.host"), port, security, settings.string("smtp.user", null),
            settings.string("smtp.password", null), settings.string("smtp.from", null));
    }

    /** A copy with other values for tests: hash parameters and limits. */
    public AccountsConfig with(PasswordHasher.Params newHash, AbuseLimits newLimits) {
        return new AccountsConfig(dbUrl, poolSize, newHash, cookieSecure, sessionLifetime, sessionIdle, maxTokenDays, cacheTtl,
            newLimits, smtp, outbox);
    }

    @Override
    public String toString() {
        return "AccountsConfig[db=(hidden), pool=" + poolSize + ", hash=" + hash + ", cookieSecure=" + cookieSecure
            + ", session=" + sessionLifetime + "/" + sessionIdle + ", smtp=" + smtp + ", outbox=" + outbox + "]";
    }
}
