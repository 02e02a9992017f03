package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.accounts.Emails;
import io.edgecoder.portal.accounts.PasswordPolicy;
import io.edgecoder.portal.accounts.SessionService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * Sign-up, email verification, password reset and {@code /me}. The open routes answer the same
 * whatever the email (no account enumeration) and are rate-limited per client address and per
 * email address, cluster-wide.
 */
public final class AccountRoutes {
    static final int MAX_TOKEN_LENGTH = 100;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final JsonObject MAIL_SENT = new JsonObject().put("status", "mail_sent")
        .put("message", "if the address can receive mail, a message with a link is on its way");

    private final Accounts accounts;
    private final Accounts.Parts parts;

    public AccountRoutes(Accounts accounts) {
        this.accounts = accounts;
        this.parts = accounts.parts();
    }

    /** {@code POST /api/v1/accounts} {@code {email, password}} → 202, whatever the email. */
    public void signUp(RoutingContext ctx) {
        String address = SessionService.address(ctx);
        Future.succeededFuture(ctx).map(AccountRoutes::credentials)
            .map(c -> new Credentials(c.email(), PasswordPolicy.check(c.password(), c.email())))
            .compose(c -> parts.limiter().hit("signup:addr:" + address, parts.limits().signUpsPerAddress(), HOUR, "sign-ups")
                .compose(v -> parts.limiter().hit("mail:" + c.email(), parts.limits().mailsPerEmail(), HOUR, "mails to this address"))
                .compose(v -> parts.accounts().signUp(c.email(), c.password(), address)))
            .onSuccess(v -> HttpJson.send(ctx, 202, MAIL_SENT))
            .onFailure(ctx::fail);
    }

    /** {@code POST /api/v1/accounts/verify} {@code {token}} → 201 with the new account. */
    public void verify(RoutingContext ctx) {
        String address = SessionService.address(ctx);
        Future.succeededFuture(ctx).map(c -> token(BodyFields.object(c)))
            .compose(token -> parts.limiter().hit("verify:addr:" + address, parts.limits().signInsPerAddress(), MINUTE, "attempts")
                .compose(v -> parts.accounts().verify(token, address)))
            .onSuccess(account -> HttpJson.send(ctx, 201, AccountJson.account(account)))
            .onFailure(ctx::fail);
    }

    /** {@code POST /api/v1/password-resets} {@code {email}} → 202, whatever the email. */
    public void requestReset(RoutingContext ctx) {
        String address = SessionService.address(ctx);
        Future.succeededFuture(ctx).map(c -> Emails.normalise(BodyFields.text(BodyFields.object(c), "email", true), "email"))
            .compose(email -> parts.limiter().hit("reset:addr:" + address, parts.limits().resetsPerAddress(), HOUR, "reset requests")
                .compose(v -> parts.limiter().hit("mail:" + email, parts.limits().mailsPerEmail(), HOUR, "mails to this address"))
                .compose(v -> parts.resets().request(email, address)))
            .onSuccess(v -> HttpJson.send(ctx, 202, MAIL_SENT))
            .onFailure(ctx::fail);
    }

    /** {@code POST /api/v1/password-resets/confirm} {@code {token, password}} → 200; every session ends. */
    public void confirmReset(RoutingContext ctx) {
        String address = SessionService.address(ctx);
        Future.succeededFuture(ctx).map(c -> BodyFields.object(c))
            .compose(body -> parts.limiter().hit("verify:addr:" + address, parts.limits().signInsPerAddress(), MINUTE, "attempts")
                .compose(v -> parts.resets().confirm(token(body),
                    PasswordPolicy.check(BodyFields.text(body, "password", true), null), address)))
            .onSuccess(v -> HttpJson.send(ctx, 200, new JsonObject().put("status", "password_changed")
                .put("message", "password changed; every session was signed out, sign in again")))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/me}: who is calling, how, and (for a session) the CSRF token. */
    public void me(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        JsonObject base = new JsonObject().put("account", caller.account()).put("ledgerAccount", caller.ledgerAccount())
            .put("admin", caller.admin()).put("roles", new JsonArray(caller.roles().stream().sorted().toList())).put("org", caller.org())
            .put("via", caller.via()).put("scopes", new JsonArray(caller.scopes().stream().sorted().toList()));
        String sessionId = parts.sessions().sessionId(ctx);
        if (Caller.VIA_SESSION.equals(caller.via()) && sessionId != null) {
            base.put("csrfToken", SessionService.csrfToken(sessionId));
        }
        if (Caller.VIA_ADMIN_TOKEN.equals(caller.via())) {
            HttpJson.send(ctx, 200, base);
            return;
        }
        parts.accounts().byId(caller.account())
            .onSuccess(account -> HttpJson.send(ctx, 200, account.map(a -> AccountJson.account(a).mergeIn(base)).orElse(base)))
            .onFailure(ctx::fail);
    }

    record Credentials(String email, String password) {
        @Override
        public String toString() {
            return "Credentials[(hidden)]";
        }
    }

    static Credentials credentials(RoutingContext ctx) {
        JsonNode body = BodyFields.object(ctx);
        String email = Emails.normalise(BodyFields.text(body, "email", true), "email");
        return new Credentials(email, PasswordPolicy.normalise(BodyFields.text(body, "password", true)));
    }

    static String token(JsonNode body) {
        String token = BodyFields.text(body, "token", true);
        if (token.length() > MAX_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 32 && c < 127)) {
            throw MeshException.badRequest("token: unknown, already used or expired");
        }
        return token;
    }

    Accounts accounts() {
        return accounts;
    }
}
