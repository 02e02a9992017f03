package io.edgecoder.portal.passkeys;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.impl.HttpJson;
import io.edgecoder.portal.impl.LimitedBody;
import io.edgecoder.portal.oidc.AccountGateway;
import io.edgecoder.portal.Caller;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Passkey routes. Signed in: {@code POST /api/v1/passkeys/options} (creation options),
 * {@code POST /api/v1/passkeys} (register), {@code GET /api/v1/passkeys} (list),
 * {@code DELETE /api/v1/passkeys/{id}} (remove). Open: {@code POST /api/v1/sessions/passkey/options}
 * and {@code POST /api/v1/sessions/passkey} (sign in; sets the session cookie).
 */
public final class PasskeyRoutes {
    public static final String BASE = "/api/v1/passkeys";
    public static final String SIGN_IN = "/api/v1/sessions/passkey";
    public static final String CEREMONY_COOKIE = "edgecoder_webauthn";
    public static final long BODY_BYTES = 16 * 1024;
    static final int MAX_LABEL = 64;

    private final PasskeyService service;
    private final AccountGateway accounts;
    private final BooleanSupplier secureCookies;

    public PasskeyRoutes(PasskeyService service, AccountGateway accounts, BooleanSupplier secureCookies) {
        this.service = service;
        this.accounts = accounts;
        this.secureCookies = secureCookies;
    }

    /**
     * The sign-in routes, open to anyone: mount before the authentication handler. {@code guard}
     * refuses what a cross-site form could send (the portal's check for its open JSON routes).
     */
    public void mountOpen(Router router, Handler<RoutingContext> guard) {
        router.post(SIGN_IN + "/options").handler(guard).handler(this::loginOptions);
        router.post(SIGN_IN).handler(guard).handler(new LimitedBody(BODY_BYTES)).handler(this::login);
    }

    /** The routes of a signed-in account: mount after the authentication handler (it checks CSRF). */
    public void mountSignedIn(Router router) {
        router.post(BASE + "/options").handler(this::registrationOptions);
        router.post(BASE).handler(new LimitedBody(BODY_BYTES)).handler(this::register);
        router.get(BASE).handler(this::list);
        router.delete(BASE + "/:id").handler(this::remove);
    }

    private void registrationOptions(RoutingContext ctx) {
        signedIn(ctx)
            .compose(account -> accounts.emailOf(account).compose(email -> service.registrationOptions(account, email)))
            .compose(ceremony -> answer(ctx, ceremony))
            .onFailure(ctx::fail);
    }

    private void register(RoutingContext ctx) {
        signedIn(ctx).compose(account -> {
            JsonObject body = body(ctx);
            String label = label(body.getValue("name"));
            return service.register(account, binding(ctx), credential(body), label)
                .compose(view -> accounts.audit(ctx, account, "passkey.add", Map.of("passkey", view.getLong("id").toString()))
                    .map(view));
        }).compose(view -> HttpJson.send(ctx, 201, view)).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        account(ctx).compose(service.store()::list)
            .compose(items -> HttpJson.send(ctx, 200, new JsonObject().put("passkeys", items)))
            .onFailure(ctx::fail);
    }

    private void remove(RoutingContext ctx) {
        signedIn(ctx).compose(account -> {
            long id = id(ctx.pathParam("id"));
            return accounts.confirmRecent(ctx, account, "remove a passkey")
                .compose(v -> service.store().remove(account, id)).compose(removed -> removed
                    ? accounts.audit(ctx, account, "passkey.remove", Map.of("passkey", Long.toString(id)))
                    : Future.failedFuture(MeshException.notFound("no passkey " + id)));
        }).compose(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private void loginOptions(RoutingContext ctx) {
        accounts.limitSignIns(ctx, "passkey").compose(v -> service.loginOptions())
            .compose(ceremony -> answer(ctx, ceremony)).onFailure(ctx::fail);
    }

    private void login(RoutingContext ctx) {
        Future.succeededFuture(ctx).map(c -> credential(body(c)))
            .compose(credential -> service.login(binding(ctx), credential))
            .compose(account -> accounts.startSession(ctx, account, "passkey")
                .map(csrf -> new JsonObject().put("account", account).put("csrfToken", csrf)))
            .compose(body -> HttpJson.send(ctx, 200, body))
            .onFailure(ctx::fail);
    }

    /** The account of a browser session: passkeys are added and removed in a signed-in browser, not with a token. */
    private static Future<String> signedIn(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (!Caller.VIA_SESSION.equals(caller.via())) {
            return Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN,
                "credential: passkeys are managed from a signed-in browser session, not with a token"));
        }
        return Future.succeededFuture(caller.account());
    }

    /** The account of any account credential (session or personal token); the admin token has none. */
    private static Future<String> account(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        return Caller.VIA_ADMIN_TOKEN.equals(caller.via())
            ? Future.failedFuture(MeshException.badRequest("credential: the admin token belongs to no account; sign in as an account"))
            : Future.succeededFuture(caller.account());
    }

    private Future<Void> answer(RoutingContext ctx, PasskeyService.Ceremony ceremony) {
        ctx.response().addCookie(cookie(ceremony.binding(), PasskeyService.CEREMONY_TTL.toSeconds()));
        return HttpJson.send(ctx, 200, new JsonObject().put("publicKey", ceremony.options()));
    }

    private String binding(RoutingContext ctx) {
        String value = Optional.ofNullable(ctx.request().getCookie(CEREMONY_COOKIE)).map(Cookie::getValue).orElse(null);
        ctx.response().addCookie(cookie("", 0));
        return value;
    }

    private Cookie cookie(String value, long maxAge) {
        return Cookie.cookie(CEREMONY_COOKIE, value).setPath("/api/v1").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
            .setSecure(secureCookies.getAsBoolean()).setMaxAge(maxAge);
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            return new JsonObject(LimitedBody.text(LimitedBody.of(ctx)));
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw MeshException.badRequest("body: a JSON object is required");
        }
    }

    private static JsonObject credential(JsonObject body) {
        if (!(body.getValue("credential") instanceof JsonObject c) || !(c.getValue("id") instanceof String id)
            || id.isEmpty() || id.length() > 1024 || !(c.getValue("response") instanceof JsonObject)) {
            throw MeshException.badRequest("credential: the PublicKeyCredential as JSON (id, rawId, type, response) is required");
        }
        return c;
    }

    private static String label(Object value) {
        if (value == null) {
            return "passkey";
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_LABEL || s.codePoints().anyMatch(Character::isISOControl)) {
            throw MeshException.badRequest("name: 1-" + MAX_LABEL + " characters without control characters");
        }
        return s.strip();
    }

    private static long id(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw MeshException.badRequest("id: must be a positive integer");
    }
}
