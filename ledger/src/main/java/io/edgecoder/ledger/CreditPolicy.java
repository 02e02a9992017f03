package io.edgecoder.ledger;

import java.util.Optional;

/**
 * The economy's balance rule: an account may go below zero only down to its credit line. The
 * line is the one stored for the account, else the default of its kind: {@code userDefault}
 * for users, zero for nodes, coordinators, holds and system accounts. The sources
 * ({@code issuance}, {@code mint}) have no floor: they are where new credits come from, so
 * the sum over all accounts stays zero.
 */
public record CreditPolicy(long userDefaultMilli) implements BalanceRule {
    public CreditPolicy {
        if (userDefaultMilli < 0) {
            throw new IllegalArgumentException("credit line must be >= 0");
        }
    }

    @Override
    public Optional<String> refuse(String account, long newBalanceMilli, Long creditLineMilli) {
        Accounts.Kind kind = Accounts.kindOf(account);
        if (kind == Accounts.Kind.SOURCE || newBalanceMilli >= 0) {
            return Optional.empty();
        }
        long line = creditLineMilli != null ? creditLineMilli : kind == Accounts.Kind.USER ? userDefaultMilli : 0;
        if (newBalanceMilli >= -line) {
            return Optional.empty();
        }
        return Optional.of("insufficient credits: " + account + " would reach " + newBalanceMilli
            + " milli-credits, below its credit line of " + line);
    }
}
