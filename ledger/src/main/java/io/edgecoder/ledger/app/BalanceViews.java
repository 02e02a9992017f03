package io.edgecoder.ledger.app;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.Ownership;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import java.util.Map;

/**
 * What of the books a request's actor may see ({@link Ownership}): a person only their own
 * account's balance and history, an admin every account (or the one asked for). Enforced here, in
 * the ledger role, whatever the portal route did.
 */
final class BalanceViews {
    private BalanceViews() {
    }

    /** The balances {@code q}'s actor may see, out of all of them. */
    static BalancesReply visible(BalancesRequest q, Map<String, Long> all) {
        String only = only(q);
        if (only == null) {
            return new BalancesReply(all);
        }
        Long balance = all.get(only);
        return new BalancesReply(balance == null ? Map.of() : Map.of(only, balance));
    }

    /** The one account to show, or null for every account. */
    private static String only(BalancesRequest q) {
        if (q.actor() == null) {
            throw new MeshException(ErrorCode.FORBIDDEN, "a balance request must say whom it is for");
        }
        if (!q.actor().admin()) {
            String own = Ownership.ledgerAccountOf(q.actor().account());
            if (q.account() != null && !q.account().equals(own)) {
                throw forbidden(own);
            }
            return own;
        }
        return q.account();
    }

    /** Fails unless {@code q}'s actor may read the history of {@code q.account()}. */
    static void checkHistory(AccountHistoryRequest q) {
        if (!Ownership.mayReadLedgerAccount(q.actor(), q.account())) {
            throw forbidden(q.actor() == null ? "(none)" : Ownership.ledgerAccountOf(q.actor().account()));
        }
    }

    private static MeshException forbidden(String own) {
        return new MeshException(ErrorCode.FORBIDDEN, "account: only your own account " + own);
    }
}
