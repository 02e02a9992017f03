package io.edgecoder.ledger;

import java.util.Optional;

/**
 * Decides whether an account may reach a balance. Consulted for the paying side of every new
 * entry, inside the append transaction (under the chain-head lock), so the rule holds across
 * all nodes.
 */
public interface BalanceRule {
    /** Any balance is allowed (the first ledger: requesters may go negative). */
    BalanceRule ALLOW_ALL = new BalanceRule() {
        @Override
        public Optional<String> refuse(String account, long newBalanceMilli, Long creditLineMilli) {
            return Optional.empty();
        }

        @Override
        public boolean checksBalances() {
            return false;
        }
    };

    /**
     * A reason to refuse, or empty when {@code account} may hold {@code newBalanceMilli}.
     *
     * @param creditLineMilli the account's stored credit line, or null when none is stored
     */
    Optional<String> refuse(String account, long newBalanceMilli, Long creditLineMilli);

    /** False when the rule never refuses, so the store need not read balances. */
    default boolean checksBalances() {
        return true;
    }
}
