package io.edgecoder.portal.wallet;

import io.edgecoder.core.MeshException;
import io.edgecoder.portal.accounts.Account;
import io.edgecoder.portal.accounts.Accounts;
import io.edgecoder.portal.accounts.Reauthentication;
import io.edgecoder.portal.accounts.SessionService;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/**
 * Wallet onboarding: a person sets, reads or removes where their earnings are to be paid. Every
 * change is confirmed by re-authentication ({@link Reauthentication}: the account's current password,
 * checked like a sign-in, or a sign-in less than ten minutes old), audited
 * ({@code payout.set}, {@code payout.removed}) and notified by mail to the account's address, so
 * a stolen session alone cannot redirect someone's payouts unseen. Nothing here moves money.
 */
public final class PayoutService {
    private final PgPayouts payouts;
    private final Accounts.Parts accounts;
    private final BitcoinNetwork network;
    private final Clock clock;

    public PayoutService(PgPayouts payouts, Accounts.Parts accounts, BitcoinNetwork network, Clock clock) {
        this.payouts = payouts;
        this.accounts = accounts;
        this.network = network;
        this.clock = clock;
    }

    public BitcoinNetwork network() {
        return network;
    }

    public Future<Optional<PgPayouts.Stored>> get(String accountId) {
        return payouts.get(accountId);
    }

    /** Checks the destination (400), then re-authentication (401, 429), then stores, audits and mails. */
    public Future<PgPayouts.Stored> set(RoutingContext ctx, String accountId, String kind, String address, String password) {
        PayoutDestination destination;
        try {
            destination = PayoutDestination.parse(kind, address, network);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(MeshException.badRequest(e.getMessage()));
        }
        String net = PayoutDestination.BITCOIN.equals(destination.kind()) ? network.hrp() : null;
        return confirm(ctx, accountId, password)
            .compose(account -> payouts.set(accountId, destination, net, clock.instant())
                .compose(stored -> changed(account, "payout.set", stored, SessionService.address(ctx)).map(stored)));
    }

    /** Removes the destination after re-authentication; 404 when none is set. */
    public Future<PgPayouts.Stored> remove(RoutingContext ctx, String accountId, String password) {
        String client = SessionService.address(ctx);
        return confirm(ctx, accountId, password)
            .compose(account -> payouts.remove(accountId)
                .compose(removed -> removed.isEmpty()
                    ? Future.failedFuture(MeshException.notFound("no payout destination is set"))
                    : changed(account, "payout.removed", removed.get(), client).map(removed.get())));
    }

    private Future<Account> confirm(RoutingContext ctx, String accountId, String password) {
        return accounts.reauth().confirm(ctx, accountId, password, "change the payout destination");
    }

    private Future<Void> changed(Account account, String event, PgPayouts.Stored stored, String client) {
        PayoutDestination d = stored.destination();
        JsonObject detail = new JsonObject().put("kind", d.kind()).put("address", d.address()).put("network", stored.network());
        accounts.mail().notice(account.email(), subject(event), body(event, d));
        return accounts.audit().record(account.id(), account.id(), event, client, detail);
    }

    private static String subject(String event) {
        return event.equals("payout.set") ? "Your EdgeCoder payout destination was changed"
            : "Your EdgeCoder payout destination was removed";
    }

    private String body(String event, PayoutDestination d) {
        String what = event.equals("payout.set")
            ? "The payout destination of your EdgeCoder account is now this " + d.kind() + " address:\n\n    " + d.address()
            : "The payout destination of your EdgeCoder account (" + d.kind() + " " + d.address() + ") was removed.";
        return what + "\n\nChanged at " + clock.instant() + ". If this was not you, sign in, set your own destination again"
            + " and change your password at once.\n";
    }
}
