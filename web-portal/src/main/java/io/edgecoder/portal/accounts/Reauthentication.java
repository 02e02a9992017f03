package io.edgecoder.portal.accounts;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.impl.LimitedBody;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one check before a security change (payout destination, removing a passkey, unlinking a
 * provider): the person proves again that they hold the account. Either the request carries the
 * account's current password ({@code currentPassword}; wrong → 401, counted against the sign-in
 * limits like any sign-in), or it comes from a browser session started less than {@link #WINDOW}
 * ago. The second form is how accounts without a password (Google, Microsoft or passkey only)
 * confirm: they sign in again, with any method, and make the change within the window.
 */
public final class Reauthentication {
    /** How old a session's sign-in may be for a change without the password. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    static final int MAX_PASSWORD = 1024;

    private final PgAccountStore store;
    private final PgCredentialStore credentials;
    private final SessionService sessions;
    private final SignInService signIn;
    private final Clock clock;

    public Reauthentication(PgAccountStore store, PgCredentialStore credentials, SessionService sessions, SignInService signIn,
                            Clock clock) {
        this.store = store;
        this.credentials = credentials;
        this.sessions = sessions;
        this.signIn = signIn;
        this.clock = clock;
    }

    /**
     * Answers the account when the request proves its holder now; {@code what} names the change
     * in the error ("change the payout destination"). {@code password} may be null.
     */
    public Future<Account> confirm(RoutingContext ctx, String accountId, String password, String what) {
        if (password != null && password.length() > MAX_PASSWORD) {
            return Future.failedFuture(MeshException.badRequest("currentPassword: longer than " + MAX_PASSWORD + " characters"));
        }
        return store.byId(accountId).compose(found -> {
            Account account = found.orElseThrow(() -> new MeshException(ErrorCode.FORBIDDEN, "only an account can " + what));
            return password == null || password.isEmpty() ? recentSignIn(ctx, account, what) : passwordOf(ctx, account, password);
        });
    }

    /** The {@code currentPassword} of a JSON body, or null when the body is empty or has none (400 when malformed). */
    public static String passwordField(RoutingContext ctx) {
        String text = LimitedBody.text(LimitedBody.of(ctx));
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Object value = new JsonObject(text).getValue("currentPassword");
            if (value != null && !(value instanceof String)) {
                throw MeshException.badRequest("currentPassword: must be a string");
            }
            return (String) value;
        } catch (DecodeException | ClassCastException e) {
            throw MeshException.badRequest("body: a JSON object is required");
        }
    }

    private Future<Account> passwordOf(RoutingContext ctx, Account account, String password) {
        if (!account.hasPassword()) {
            return Future.failedFuture(MeshException.badRequest("currentPassword: this account has no password;"
                + " sign in again (within " + WINDOW.toMinutes() + " minutes) to confirm instead"));
        }
        return signIn.check(account.email(), password, SessionService.address(ctx))
            .recover(e -> Future.failedFuture(e instanceof MeshException m && m.code() == ErrorCode.UNAUTHORIZED
                ? new MeshException(ErrorCode.UNAUTHORIZED, "currentPassword: wrong password") : e));
    }

    private Future<Account> recentSignIn(RoutingContext ctx, Account account, String what) {
        String sessionId = sessions.sessionId(ctx);
        Future<Optional<Instant>> started = sessionId == null ? Future.succeededFuture(Optional.empty())
            : credentials.sessionStarted(Secrets.hash("session", sessionId), account.id());
        return started.map(at -> {
            if (at.isPresent() && at.get().isAfter(clock.instant().minus(WINDOW))) {
                return account;
            }
            throw new MeshException(ErrorCode.UNAUTHORIZED, "currentPassword: to " + what + ", give your current password or"
                + " sign in again (a sign-in less than " + WINDOW.toMinutes() + " minutes old confirms it)");
        });
    }
}
