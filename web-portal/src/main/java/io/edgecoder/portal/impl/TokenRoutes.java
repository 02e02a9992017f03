package io.edgecoder.portal.impl;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Accounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Personal API tokens of the calling account: create (the secret is in this one answer), list,
 * revoke. Managing tokens needs a session or a token with the {@code admin} scope; a token cannot
 * grant more than its maker holds, and {@code admin} on an account that is no system-admin means
 * only "everything this account may do".
 */
public final class TokenRoutes {
    static final int MAX_NAME = 100;
    static final int DEFAULT_DAYS = 90;

    private final Accounts accounts;
    private final Accounts.Parts parts;

    public TokenRoutes(Accounts accounts) {
        this.accounts = accounts;
        this.parts = accounts.parts();
    }

    private record Spec(String name, Set<String> scopes, int days) {
    }

    /** {@code POST /api/v1/tokens} {@code {name, scopes, expiresInDays?}} → 201 with {@code token}, shown once. */
    public void create(RoutingContext ctx) {
        Caller caller = manager(ctx);
        Future.succeededFuture(ctx).map(c -> spec(c, caller))
            .compose(spec -> parts.limiter().hit("tokens:" + caller.account(), parts.limits().tokensPerAccount(), Duration.ofHours(1),
                    "tokens created")
                .compose(v -> parts.tokens().create(caller.account(), spec.name(), spec.scopes(), spec.days())))
            .compose(created -> accounts.audit(caller.account(), caller.account(), "token.created", ctx,
                new JsonObject().put("token", created.token().id()).put("scopes", String.join(",", created.token().scopes())))
                .map(created))
            .onSuccess(created -> HttpJson.send(ctx, 201, AccountJson.token(created.token()).put("token", created.secret())))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/tokens}: the account's tokens, newest first, without secrets. */
    public void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        SessionRoutes.requireAccount(caller);
        parts.tokens().list(caller.account())
            .onSuccess(tokens -> {
                JsonArray out = new JsonArray();
                tokens.forEach(t -> out.add(AccountJson.token(t)));
                HttpJson.send(ctx, 200, new JsonObject().put("tokens", out));
            })
            .onFailure(ctx::fail);
    }

    /** {@code DELETE /api/v1/tokens/{id}}: revoked on every portal node at once; 404 for another account's token. */
    public void revoke(RoutingContext ctx) {
        Caller caller = manager(ctx);
        String id = PathParams.id(ctx, "id");
        parts.tokens().revoke(id, caller.account())
            .compose(v -> accounts.audit(caller.account(), caller.account(), "token.revoked", ctx, new JsonObject().put("token", id)))
            .onSuccess(v -> ctx.response().setStatusCode(204).end())
            .onFailure(ctx::fail);
    }

    private static Caller manager(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        SessionRoutes.requireAccount(caller);
        if (Caller.VIA_TOKEN.equals(caller.via()) && !caller.hasScope(Caller.SCOPE_ADMIN)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "managing tokens needs a session or a token with the admin scope");
        }
        return caller;
    }

    private Spec spec(RoutingContext ctx, Caller caller) {
        JsonNode body = BodyFields.object(ctx);
        String name = BodyFields.text(body, "name", true).strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw MeshException.badRequest("name: must be 1.." + MAX_NAME + " characters without control characters");
        }
        Set<String> scopes = scopes(body);
        if (!caller.scopes().containsAll(scopes)) {
            throw new MeshException(ErrorCode.FORBIDDEN, "scopes: a token cannot grant more than the credential that makes it");
        }
        JsonNode days = body.get("expiresInDays");
        int valid = days == null || days.isNull() ? Math.min(DEFAULT_DAYS, parts.maxTokenDays())
            : (int) BodyFields.integer(body, "expiresInDays", 1, parts.maxTokenDays());
        return new Spec(name, scopes, valid);
    }

    private static Set<String> scopes(JsonNode body) {
        JsonNode node = BodyFields.typed(body, "scopes", true, JsonNode::isArray, "a list of read, jobs, admin");
        Set<String> scopes = new LinkedHashSet<>();
        for (JsonNode s : node) {
            if (!s.isTextual() || !Caller.ALL_SCOPES.contains(s.textValue())) {
                throw MeshException.badRequest("scopes: each must be read, jobs or admin");
            }
            scopes.add(s.textValue());
        }
        if (scopes.isEmpty()) {
            throw MeshException.badRequest("scopes: at least one of read, jobs, admin");
        }
        return scopes;
    }
}
