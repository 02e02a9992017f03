package io.edgecoder.portal.wallet;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.portal.accounts.Account;
import io.edgecoder.portal.accounts.Accounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/**
 * Wallet onboarding: a person sets, reads or removes where their earnings are to be paid. Every
 * change is confirmed by re-authentication (the account's current password, checked like a
 * sign-in: failures count towards the account's lockout and are audited), audited
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

    /** Checks the destination (400), then the password (401, 429), then stores, audits and mails. */
    public Future<PgPayouts.Stored> set(String accountId, String kind, String address, String password, String client) {
        PayoutDestination destination;
        try {
            destination = PayoutDestination.parse(kind, address, network);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(MeshException.badRequest(e.getMessage()));
        }
        String net = PayoutDestination.BITCOIN.equals(destination.kind()) ? network.hrp() : null;
        return reauthenticate(accountId, password, client)
            .compose(account -> payouts.set(accountId, destination, net, clock.instant())
                .compose(stored -> changed(account, "payout.set", stored, client).map(stored)));
    }

    /** Removes the destination after re-authentication; 404 when none is set. */
    public Future<PgPayouts.Stored> remove(String accountId, String password, String client) {
        return reauthenticate(accountId, password, client)
            .compose(account -> payouts.remove(accountId)
                .compose(removed -> removed.isEmpty()
                    ? Future.failedFuture(MeshException.notFound("no payout destination is set"))
                    : changed(account, "payout.removed", removed.get(), client).map(removed.get())));
    }

    private Future<Account> reauthenticate(String accountId, String password, String client) {
        return accounts.store().byId(accountId).compose(found -> {
            Account account = found.orElseThrow(() -> new MeshException(ErrorCode.FORBIDDEN,
                "payout destinations belong to accounts; sign in with one"));
            if (!account.hasPassword()) {
                throw new MeshException(ErrorCode.FORBIDDEN, "currentPassword: this account has no password to confirm the change;"
                    + " set one with a password reset first");
            }
            if (password == null || password.isEmpty()) {
                throw MeshException.badRequest("currentPassword: required to change the payout destination");
            }
            return accounts.signIn().check(account.email(), password, client)
                .recover(e -> Future.failedFuture(e instanceof MeshException m && m.code() == ErrorCode.UNAUTHORIZED
                    ? new MeshException(ErrorCode.UNAUTHORIZED, "currentPassword: wrong password") : e));
        });
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
