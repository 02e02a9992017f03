package io.edgecoder.portal.ide;

import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.TokenService;
import io.edgecoder.portal.impl.AdminTokenAuth;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Tells who a bearer token belongs to, the same way the portal's API does: the node's admin token
 * (compared in constant time; the caller {@code admin}) or a live personal API token
 * ({@code ecp_...}) of an account, with its scopes. Session cookies are not accepted here: a browser
 * page sends the portal's cookie to any port of the same host, so the IDE endpoint answers only to a
 * token the caller presents itself.
 */
@FunctionalInterface
public interface IdeTokens {
    /** The caller of {@code token}, or empty for a wrong, expired or revoked one. Never fails for a wrong token. */
    Future<Optional<Caller>> caller(String token);

    /** The admin token, then (when {@code personal} is not null) personal tokens. */
    static IdeTokens adminOrPersonal(String adminToken, TokenService personal) {
        AdminTokenAuth admin = new AdminTokenAuth(adminToken, new SimpleMeterRegistry().counter("unused"));
        return token -> {
            if (admin.matches(token)) {
                return Future.succeededFuture(Optional.of(Caller.administrator()));
            }
            if (personal == null || !token.startsWith(TokenService.PREFIX) || token.length() > 100) {
                return Future.succeededFuture(Optional.empty());
            }
            return personal.resolve(token);
        };
    }
}
