package io.edgecoder.portal.accounts;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.db.Migrator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The portal's accounts, wired: the PostgreSQL pool and migrations, the services, and the entry
 * points other sign-in methods (OAuth/OIDC, passkeys) build on:
 * <ul>
 *   <li>{@link #findByEmail} — the account of an email address (normalised here);</li>
 *   <li>{@link #createVerifiedAccount} — a new account whose email a provider (or an admin) vouches for;</li>
 *   <li>{@link #startSession} — signs the browser in as an account: sets the session cookie, audits
 *       {@code signin.ok} with the method, answers the CSRF token for the client;</li>
 *   <li>{@link #audit} — one audit entry;</li>
 *   <li>{@link #pool()} — the pool, for tables of their own (migrations in {@link AccountsSchema}).</li>
 * </ul>
 */
public final class Accounts {
    private static final long HOUSEKEEPING_MS = Duration.ofHours(1).toMillis();

    private final Vertx vertx;
    private final AccountsConfig config;
    private final Pool pool;
    private final Parts parts;
    private long timer = -1;

    /** The services, for the portal's routes. */
    public record Parts(PgAccountStore store, CredentialCache cache, RateLimiter limiter, PasswordWork passwords, MailSender mail,
                        Audit audit, SessionService sessions, TokenService tokens, AccountService accounts, SignInService signIn,
                        PasswordResets resets, AbuseLimits limits, int maxTokenDays, Reauthentication reauth) {
    }

    private Accounts(Vertx vertx, AccountsConfig config, Pool pool, Parts parts) {
        this.vertx = vertx;
        this.config = config;
        this.pool = pool;
        this.parts = parts;
    }

    /** Connects, migrates, and starts listening for revoked credentials. */
    public static Future<Accounts> start(Vertx vertx, AccountsConfig config, BusClient bus, Supplier<String> publicUrl, Clock clock) {
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()))
            .connectingTo(PgConnectOptions.fromUri(config.dbUrl())).using(vertx).build();
        return new Migrator(pool).migrate(AccountsSchema.COMPONENT, AccountsSchema.MIGRATIONS)
            .compose(v -> vertx.executeBlocking(() -> new PasswordWork(vertx, new PasswordHasher(config.hash())), false))
            .map(work -> new Accounts(vertx, config, pool, parts(vertx, config, pool, work, bus, publicUrl, clock)))
            .compose(accounts -> accounts.parts.cache().listen().map(accounts))
            .onSuccess(Accounts::scheduleHousekeeping)
            .onFailure(e -> pool.close());
    }

    private static Parts parts(Vertx vertx, AccountsConfig config, Pool pool, PasswordWork work, BusClient bus,
                               Supplier<String> publicUrl, Clock clock) {
        PgAccountStore store = new PgAccountStore(pool);
        PgCredentialStore credentials = new PgCredentialStore(pool);
        CredentialCache cache = new CredentialCache(config.cacheTtl(), clock, bus);
        RateLimiter limiter = new RateLimiter(pool, clock);
        Mailer mailer = config.smtp() != null ? new SmtpMailer(vertx, config.smtp()) : new OutboxMailer(vertx, config.outbox(), clock);
        MailSender mail = new MailSender(mailer, publicUrl);
        Audit audit = new Audit(store);
        SessionService sessions = new SessionService(credentials, cache, clock, config.sessionLifetime(), config.sessionIdle(),
            () -> config.cookieSecure() != null ? config.cookieSecure() : publicUrl.get().startsWith("https:"));
        SignInService signIn = new SignInService(store, work, limiter, config.limits(), audit);
        return new Parts(store, cache, limiter, work, mail, audit, sessions, new TokenService(credentials, cache, clock),
            new AccountService(store, work, mail, audit, clock), signIn,
            new PasswordResets(store, work, sessions, cache, limiter, mail, audit, clock), config.limits(), config.maxTokenDays(),
            new Reauthentication(store, credentials, sessions, signIn, clock));
    }

    private void scheduleHousekeeping() {
        timer = vertx.setPeriodic(HOUSEKEEPING_MS, id -> parts.limiter().purge(Duration.ofDays(1))
            .compose(v -> parts.store().purgeMailTokens(java.time.Instant.now().minus(Duration.ofDays(1))))
            .compose(v -> pool.query("DELETE FROM sessions WHERE expires_at < now()").execute()));
    }

    public Parts parts() {
        return parts;
    }

    public AccountsConfig config() {
        return config;
    }

    public Pool pool() {
        return pool;
    }

    /** The account of {@code email} (normalised here; a malformed address fails 400), or empty. */
    public Future<Optional<Account>> findByEmail(String email) {
        try {
            return parts.accounts().byEmail(Emails.normalise(email, "email"));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Creates an account whose email is verified already, without a password, with {@code roles}
     * (default: user); 409 when the email has an account. {@code actor} is who caused it (an admin's
     * account, or e.g. {@code oidc:google}); {@code address} the client's, for the audit.
     */
    public Future<Account> createVerifiedAccount(String email, Set<AccountRole> roles, String org, String actor, String address) {
        try {
            String normalised = Emails.normalise(email, "email");
            return parts.accounts().createVerified(normalised, null, roles.isEmpty() ? Set.of(AccountRole.USER) : roles, org, actor,
                address);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Signs the browser in as {@code account}: a new session, its cookie on the response, an audit
     * entry {@code signin.ok} with {@code method} ({@code password}, {@code passkey}, {@code oidc:google}, ...).
     * The answer's CSRF token must reach the client (the sign-in routes put it in their JSON).
     */
    public Future<SessionService.Started> startSession(RoutingContext ctx, Account account, String method) {
        return parts.sessions().start(ctx, account, method)
            .compose(started -> parts.signIn().signedIn(account, method, SessionService.address(ctx)).map(started));
    }

    /** Writes one audit entry; {@code ctx} gives the client address (may be null), {@code detail} may be null. */
    public Future<Void> audit(String accountId, String actor, String event, RoutingContext ctx, JsonObject detail) {
        return parts.audit().record(accountId, actor, event, ctx == null ? null : SessionService.address(ctx), detail);
    }

    public Future<Void> close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return Future.join(parts.mail().close(), parts.passwords().close()).compose(v -> pool.close(), e -> pool.close());
    }
}
