package io.edgecoder.portal.accounts;

import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Browser sessions. The session id is 256 random bits in an HttpOnly, SameSite=Strict cookie
 * (Secure, with the {@code __Host-} name prefix, when the portal is served over https); the
 * database holds only its SHA-256, so any portal node serves any session and a stolen database
 * holds no usable cookie. The CSRF token is derived from the session id (another domain-separated
 * hash), so it needs no storage and is known only to whoever holds the cookie and was told it.
 */
public final class SessionService {
    public static final String COOKIE = "edgecoder_session";
    public static final String SECURE_COOKIE = "__Host-edgecoder_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PREFIX = "ecs_";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    private final PgCredentialStore store;
    private final CredentialCache cache;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration idle;
    private final BooleanSupplier secure;

    public SessionService(PgCredentialStore store, CredentialCache cache, Clock clock, Duration lifetime, Duration idle,
                          BooleanSupplier secure) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        this.lifetime = lifetime;
        this.idle = idle;
        this.secure = secure;
    }

    /** What a client learns when a session starts: the CSRF token to send on every state-changing request. */
    public record Started(String csrfToken, Instant expiresAt) {
    }

    /** Starts a session for {@code account} and sets its cookie on the response; {@code method}: password, passkey, oidc:google... */
    public Future<Started> start(RoutingContext ctx, Account account, String method) {
        String id = Secrets.credential(PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        return store.insertSession(Secrets.hash("session", id), account.id(), method, now, expires, address(ctx),
                userAgent(ctx))
            .map(v -> {
                ctx.response().addCookie(cookie(id, lifetime.toSeconds()));
                return new Started(csrfToken(id), expires);
            });
    }

    /** The session id the request carries in its cookie, or null. */
    public String sessionId(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(cookieName());
        String value = cookie == null ? null : cookie.getValue();
        return value == null || !value.startsWith(PREFIX) || value.length() > 100 ? null : value;
    }

    /** The caller of a live session, or empty. */
    public Future<Optional<Caller>> resolve(String sessionId) {
        String key = Secrets.hashText("session", sessionId);
        Caller cached = cache.get("session", key);
        if (cached != null) {
            return Future.succeededFuture(Optional.of(cached));
        }
        Instant now = clock.instant();
        byte[] hash = Secrets.hash("session", sessionId);
        return store.session(hash, now, now.minus(idle)).map(hit -> hit.map(h -> {
            Caller caller = caller(h.account());
            Instant idleEnd = h.lastSeenAt().plus(idle);
            cache.put("session", key, caller, h.account().id(), idleEnd.isBefore(h.expiresAt()) ? idleEnd : h.expiresAt());
            if (h.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
                store.touchSession(hash, now);
            }
            return caller;
        }));
    }

    static Caller caller(Account account) {
        return new Caller(account.id(), account.admin(), account.roles(), account.org(), Caller.ALL_SCOPES, Caller.VIA_SESSION);
    }

    /** Whether the request carries the CSRF token of {@code sessionId} in {@value #CSRF_HEADER}. */
    public static boolean csrfOk(RoutingContext ctx, String sessionId) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
            csrfToken(sessionId).getBytes(StandardCharsets.UTF_8));
    }

    public static String csrfToken(String sessionId) {
        return Secrets.hashText("csrf", sessionId);
    }

    /** Ends the request's session (if any) and clears the cookie. */
    public Future<Void> end(RoutingContext ctx) {
        String id = sessionId(ctx);
        ctx.response().addCookie(cookie("", 0));
        if (id == null) {
            return Future.succeededFuture();
        }
        cache.revoke("session", Secrets.hashText("session", id));
        return store.deleteSession(Secrets.hash("session", id)).mapEmpty();
    }

    /** Ends every session of the account, on every node; answers how many. */
    public Future<Integer> endAll(String accountId) {
        return endAll(store.pool(), accountId);
    }

    /** {@link #endAll(String)} inside a transaction of the caller's. */
    public Future<Integer> endAll(io.vertx.sqlclient.SqlClient client, String accountId) {
        return store.deleteSessions(client, accountId).map(hashes -> {
            hashes.forEach(h -> cache.revoke("session", PgCredentialStore.b64(h)));
            return hashes.size();
        });
    }

    /** Ends one session of the account by its listed id; false when it has none by that id. */
    public Future<Boolean> endOne(String accountId, String listedId) {
        return store.deleteSessionById(accountId, listedId).map(hashes -> {
            hashes.forEach(h -> cache.revoke("session", PgCredentialStore.b64(h)));
            return !hashes.isEmpty();
        });
    }

    public Future<List<SessionInfo>> list(String accountId) {
        return store.sessions(accountId, clock.instant());
    }

    /** The listed id of the request's own session, or null. */
    public String currentListedId(RoutingContext ctx) {
        String id = sessionId(ctx);
        return id == null ? null : PgCredentialStore.listedId(Secrets.hash("session", id));
    }

    public String cookieName() {
        return secure.getAsBoolean() ? SECURE_COOKIE : COOKIE;
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(cookieName(), value).setPath("/").setHttpOnly(true).setSecure(secure.getAsBoolean())
            .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds);
    }

    /** The client address of the request (for rate limits and the audit). */
    public static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private static String userAgent(RoutingContext ctx) {
        String ua = ctx.request().getHeader(HttpHeaders.USER_AGENT);
        return ua == null ? null : ua.length() <= 200 ? ua.replaceAll("\\p{Cntrl}", "?") : ua.substring(0, 200).replaceAll("\\p{Cntrl}", "?");
    }
}
