package io.edgecoder.portal.ide;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.impl.AdminTokenAuth;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of every IDE request, before any body is read: {@code Authorization: Bearer}
 * with the node's admin token or a personal API token ({@link IdeTokens}), also on loopback (any
 * local program or web page could otherwise use the mesh's models as this person). Missing or
 * wrong → 401 in the request's protocol. Listing models needs any scope; a chat call spends
 * compute, so a personal token needs the {@code jobs} or {@code admin} scope (else 403). The
 * request is paused during a token lookup so no body byte is lost.
 */
final class IdeAuth implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(IdeAuth.class);
    static final String NO_CREDENTIAL = "Authorization: Bearer <token> header required (the node's admin token or a"
        + " personal API token ecp_...)";

    private final IdeTokens tokens;
    private final Counter failures;

    IdeAuth(IdeTokens tokens, Counter failures) {
        this.tokens = tokens;
        this.failures = failures;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String token = AdminTokenAuth.bearerToken(ctx.request().getHeader("Authorization"));
        if (token == null || token.length() > 512) {
            refuse(ctx, token == null ? NO_CREDENTIAL : "invalid token");
            return;
        }
        Future<Optional<Caller>> lookup = tokens.caller(token);
        if (lookup.isComplete()) {
            decide(ctx, lookup);
            return;
        }
        ctx.request().pause();
        lookup.onComplete(done -> decide(ctx, lookup));
    }

    private void decide(RoutingContext ctx, Future<Optional<Caller>> lookup) {
        Protocol protocol = Protocol.of(ctx);
        if (lookup.failed()) {
            LOG.warn("IDE credential lookup failed: {}", lookup.cause().getMessage());
            protocol.fail(ctx, MeshException.unavailable("the accounts database is not answering; retry later"));
        } else if (lookup.result().isEmpty()) {
            refuse(ctx, "invalid token");
        } else if (!permitted(ctx.request().method(), lookup.result().get())) {
            failures.increment();
            protocol.fail(ctx, 403, "token scope " + lookup.result().get().scopes()
                + " does not allow model calls; create a token with the jobs scope");
        } else {
            ctx.put(Caller.KEY, lookup.result().get());
            ctx.next();
        }
    }

    static boolean permitted(HttpMethod method, Caller caller) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD
            || caller.hasScope(Caller.SCOPE_JOBS) || caller.hasScope(Caller.SCOPE_ADMIN);
    }

    private void refuse(RoutingContext ctx, String message) {
        failures.increment();
        Protocol.of(ctx).fail(ctx, 401, message);
    }
}
