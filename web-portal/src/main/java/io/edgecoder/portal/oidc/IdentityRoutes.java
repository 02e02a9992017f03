package io.edgecoder.portal.oidc;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.impl.HttpJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/oauth/identities}: the provider identities linked to the caller's account;
 * {@code DELETE /api/v1/oauth/identities/{provider}}: unlink one, after re-authentication
 * (current password or a fresh sign-in), audited ({@code oauth.unlinked}) and mailed; 409 when it
 * is the account's only way to sign in.
 */
final class IdentityRoutes {
    private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final PgIdentityStore identities;
    private final AccountGateway accounts;

    IdentityRoutes(PgIdentityStore identities, AccountGateway accounts) {
        this.identities = identities;
        this.accounts = accounts;
    }

    void list(RoutingContext ctx) {
        identities.list(account(ctx))
            .compose(list -> HttpJson.send(ctx, 200, new JsonObject().put("identities", list)))
            .onFailure(ctx::fail);
    }

    void unlink(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        Future.succeededFuture(ctx).map(IdentityRoutes::account)
            .compose(account -> {
                if (provider == null || !PROVIDER.matcher(provider).matches()) {
                    throw MeshException.badRequest("provider: not a provider name");
                }
                return accounts.confirmRecent(ctx, account, "unlink a sign-in provider")
                    .compose(v -> identities.unlink(account, provider))
                    .compose(result -> unlinked(ctx, account, provider, result));
            })
            .compose(v -> HttpJson.send(ctx, 200, new JsonObject().put("unlinked", provider)))
            .onFailure(ctx::fail);
    }

    private Future<Void> unlinked(RoutingContext ctx, String account, String provider, PgIdentityStore.Unlinked result) {
        return switch (result) {
            case NONE -> Future.failedFuture(MeshException.notFound("no " + provider + " identity is linked to this account"));
            case LAST_SIGN_IN -> Future.failedFuture(new MeshException(ErrorCode.CONFLICT, "provider: " + provider
                + " is this account's only way to sign in; set a password (password reset) or add a passkey first"));
            case REMOVED -> accounts.audit(ctx, account, "oauth.unlinked", Map.of("provider", provider))
                .compose(v -> accounts.notify(account, "A sign-in provider was unlinked from your EdgeCoder account",
                    "Signing in with " + provider + " no longer opens your EdgeCoder account. If this was not you, reset your"
                        + " password at once.\n").recover(e -> Future.succeededFuture()));
        };
    }

    private static String account(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        if (Caller.VIA_ADMIN_TOKEN.equals(caller.via())) {
            throw MeshException.badRequest("credential: the admin token belongs to no account; sign in as an account");
        }
        return caller.account();
    }
}
