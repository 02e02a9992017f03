package io.edgecoder.portal.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Account;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.accounts.SessionService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** Sign-in with email and password, sign-out, sign-out everywhere, and the list of one's sessions. */
public final class SessionRoutes {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Accounts accounts;
    private final Accounts.Parts parts;

    public SessionRoutes(Accounts accounts) {
        this.accounts = accounts;
        this.parts = accounts.parts();
    }

    /** {@code POST /api/v1/sessions} {@code {email, password}} → 201, session cookie set, CSRF token in the body. */
    public void signIn(RoutingContext ctx) {
        String address = SessionService.address(ctx);
        Future.succeededFuture(ctx).map(AccountRoutes::credentials)
            .compose(c -> parts.limiter().hit("signin:addr:" + address, parts.limits().signInsPerAddress(), MINUTE, "sign-in attempts")
                .compose(v -> parts.limiter().hit("signin:email:" + c.email(), parts.limits().signInsPerEmail(), MINUTE,
                    "sign-in attempts for this email address"))
                .compose(v -> parts.signIn().check(c.email(), c.password(), address)))
            .compose(account -> accounts.startSession(ctx, account, "password").map(started -> body(account, started)))
            .onSuccess(body -> HttpJson.send(ctx, 201, body))
            .onFailure(ctx::fail);
    }

    private static JsonObject body(Account account, SessionService.Started started) {
        return new JsonObject().put("account", AccountJson.account(account)).put("csrfToken", started.csrfToken())
            .put("expiresAt", started.expiresAt().toString());
    }

    /** {@code DELETE /api/v1/sessions}: ends this session and clears the cookie. */
    public void signOut(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        requireSession(caller);
        parts.sessions().end(ctx)
            .compose(v -> accounts.audit(caller.account(), caller.account(), "signout", ctx, null))
            .onSuccess(v -> ctx.response().setStatusCode(204).end())
            .onFailure(ctx::fail);
    }

    /** {@code DELETE /api/v1/sessions/all}: ends every session of the account on every node, this one too. */
    public void signOutEverywhere(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        requireAccount(caller);
        ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(parts.sessions().cookieName(), "").setPath("/").setMaxAge(0));
        parts.sessions().endAll(caller.account())
            .compose(n -> accounts.audit(caller.account(), caller.account(), "signout.everywhere", ctx,
                new JsonObject().put("sessions", n)).map(n))
            .onSuccess(n -> HttpJson.send(ctx, 200, new JsonObject().put("ended", n)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/sessions}: the account's live sessions, the current one marked. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        requireAccount(caller);
        String current = parts.sessions().currentListedId(ctx);
        parts.sessions().list(caller.account())
            .onSuccess(list -> {
                JsonArray out = new JsonArray();
                list.forEach(s -> out.add(AccountJson.session(s, current)));
                HttpJson.send(ctx, 200, new JsonObject().put("sessions", out));
            })
            .onFailure(ctx::fail);
    }

    /** {@code DELETE /api/v1/sessions/{id}}: ends one of the account's sessions (404 when it has none by that id). */
    public void end(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        requireAccount(caller);
        String id = PathParams.id(ctx, "id");
        if (!id.matches("[0-9a-f]{16}")) {
            throw MeshException.notFound("no such session: " + BodyFields.clip(id));
        }
        parts.sessions().endOne(caller.account(), id)
            .compose(found -> found ? accounts.audit(caller.account(), caller.account(), "session.ended", ctx, null)
                : Future.failedFuture(MeshException.notFound("no such session: " + id)))
            .onSuccess(v -> ctx.response().setStatusCode(204).end())
            .onFailure(ctx::fail);
    }

    static void requireAccount(Caller caller) {
        if (Caller.VIA_ADMIN_TOKEN.equals(caller.via())) {
            throw MeshException.badRequest("credential: the admin token belongs to no account; sign in as an account");
        }
    }

    private static void requireSession(Caller caller) {
        if (!Caller.VIA_SESSION.equals(caller.via())) {
            throw MeshException.badRequest("credential: this request carries no session (a token is revoked with DELETE /api/v1/tokens/{id})");
        }
    }
}
