package io.edgecoder.portal.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.SessionService;
import io.edgecoder.portal.accounts.TokenService;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authentication handler of {@code /api}: {@code Authorization: Bearer <token>} with the
 * node's admin token or a personal API token ({@code ecp_...}), or else the session cookie. A
 * request authenticated by its cookie that changes state (any method but GET, HEAD, OPTIONS) must
 * also carry the session's CSRF token in {@code X-CSRF-Token}, else 403; bearer requests need none
 * (a browser never adds that header by itself). A personal token acts within its scopes: any scope
 * reads; changing jobs and payments ({@code /api/v1/jobs}, {@code /api/v1/economy}) needs
 * {@code jobs} or {@code admin}; changing anything else needs {@code admin}. The request is paused
 * while a credential is looked up, so no body byte is lost before {@link LimitedBody} reads it.
 */
public final class ApiAuth implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiAuth.class);
    static final String NO_CREDENTIAL = "Authorization: Bearer <token> header required";

    private final AdminTokenAuth admin;
    private final SessionService sessions;
    private final TokenService tokens;
    private final Counter failures;

    /** {@code sessions} and {@code tokens} are null on a portal without accounts (admin token only). */
    public ApiAuth(String adminToken, SessionService sessions, TokenService tokens, Counter failures) {
        this.admin = new AdminTokenAuth(adminToken, failures);
        this.sessions = sessions;
        this.tokens = tokens;
        this.failures = failures;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            bearer(ctx, AdminTokenAuth.bearerToken(header));
            return;
        }
        String sessionId = sessions == null ? null : sessions.sessionId(ctx);
        if (sessionId == null) {
            refuse(ctx, NO_CREDENTIAL);
            return;
        }
        lookUp(ctx, sessions.resolve(sessionId), "session expired or signed out; sign in again", sessionId);
    }

    private void bearer(RoutingContext ctx, String token) {
        if (token == null) {
            refuse(ctx, NO_CREDENTIAL);
        } else if (admin.matches(token)) {
            accept(ctx, Caller.administrator());
        } else if (tokens != null && token.startsWith(TokenService.PREFIX) && token.length() <= 100) {
            lookUp(ctx, tokens.resolve(token), "invalid token", null);
        } else {
            refuse(ctx, "invalid token");
        }
    }

    private void lookUp(RoutingContext ctx, Future<Optional<Caller>> lookup, String unknown, String sessionId) {
        if (lookup.isComplete()) {
            decide(ctx, lookup, unknown, sessionId);
            return;
        }
        ctx.request().pause();
        lookup.onComplete(done -> decide(ctx, lookup, unknown, sessionId));
    }

    private void decide(RoutingContext ctx, Future<Optional<Caller>> lookup, String unknown, String sessionId) {
        if (lookup.failed()) {
            LOG.warn("credential lookup failed: {}", lookup.cause().getMessage());
            ctx.fail(MeshException.unavailable("the accounts database is not answering; retry later"));
        } else if (lookup.result().isEmpty()) {
            refuse(ctx, unknown);
        } else if (sessionId != null && unsafe(ctx) && !SessionService.csrfOk(ctx, sessionId)) {
            failures.increment();
            HttpJson.error(ctx, 403, HttpJson.errorName(ErrorCode.FORBIDDEN),
                "csrf: a request signed in by cookie that changes something needs the session's X-CSRF-Token header");
        } else if (!permitted(ctx, lookup.result().get())) {
            failures.increment();
            HttpJson.error(ctx, 403, HttpJson.errorName(ErrorCode.FORBIDDEN), "token scope " + lookup.result().get().scopes()
                + " does not allow " + ctx.request().method().name() + " on this route");
        } else {
            accept(ctx, lookup.result().get());
        }
    }

    /** Scopes only restrict personal tokens. */
    static boolean permitted(RoutingContext ctx, Caller caller) {
        if (!Caller.VIA_TOKEN.equals(caller.via()) || !unsafe(ctx) || caller.hasScope(Caller.SCOPE_ADMIN)) {
            return true;
        }
        String path = ctx.normalizedPath();
        boolean jobRoute = path.startsWith("/api/v1/jobs") || path.startsWith("/api/v1/economy/");
        return jobRoute && caller.hasScope(Caller.SCOPE_JOBS);
    }

    static boolean unsafe(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
    }

    private static void accept(RoutingContext ctx, Caller caller) {
        ctx.put(Caller.KEY, caller);
        ctx.next();
    }

    private void refuse(RoutingContext ctx, String message) {
        failures.increment();
        ApiFailureHandler.unauthorized(ctx, message);
    }
}
