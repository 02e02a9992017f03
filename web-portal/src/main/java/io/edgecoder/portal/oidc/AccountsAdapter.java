package io.edgecoder.portal.oidc;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.accounts.Account;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.accounts.Reauthentication;
import io.edgecoder.portal.accounts.SessionService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link AccountGateway} over the portal's {@link Accounts}. */
public final class AccountsAdapter implements AccountGateway {
    private final Accounts accounts;

    public AccountsAdapter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Future<Optional<String>> sessionAccount(RoutingContext ctx) {
        String id = accounts.parts().sessions().sessionId(ctx);
        return id == null ? Future.succeededFuture(Optional.empty())
            : accounts.parts().sessions().resolve(id).map(caller -> caller.map(Caller::account));
    }

    @Override
    public Future<Optional<String>> accountByEmail(String email) {
        return accounts.findByEmail(email).map(found -> found.map(Account::id));
    }

    @Override
    public Future<String> createVerifiedAccount(RoutingContext ctx, String email, String actor) {
        return accounts.createVerifiedAccount(email, Set.of(), null, actor, SessionService.address(ctx)).map(Account::id);
    }

    @Override
    public Future<String> startSession(RoutingContext ctx, String accountId, String method) {
        return account(accountId).compose(account -> account.disabled()
            ? Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN, "this account is disabled"))
            : accounts.startSession(ctx, account, method).map(SessionService.Started::csrfToken));
    }

    @Override
    public Future<String> emailOf(String accountId) {
        return account(accountId).map(Account::email);
    }

    @Override
    public Future<Void> limitSignIns(RoutingContext ctx, String method) {
        return accounts.parts().limiter().hit(method + ":addr:" + SessionService.address(ctx),
            accounts.parts().limits().signInsPerAddress(), Duration.ofMinutes(1), method + " sign-in attempts");
    }

    @Override
    public Future<Void> audit(RoutingContext ctx, String accountId, String event, Map<String, String> detail) {
        return accounts.audit(accountId, accountId, event, ctx, new JsonObject(Map.copyOf(detail)));
    }

    private Future<Account> account(String accountId) {
        return accounts.parts().store().byId(accountId).compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(MeshException.notFound("account not found"))));
    }

    @Override
    public Future<Void> confirmRecent(RoutingContext ctx, String accountId, String what) {
        return Future.succeededFuture(ctx).map(Reauthentication::passwordField)
            .compose(password -> accounts.parts().reauth().confirm(ctx, accountId, password, what)).mapEmpty();
    }

    @Override
    public Future<Void> notify(String accountId, String subject, String body) {
        return emailOf(accountId).compose(email -> accounts.parts().mail().notice(email, subject, body));
    }
}
