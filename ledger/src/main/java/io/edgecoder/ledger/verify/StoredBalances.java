package io.edgecoder.ledger.verify;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Compares stored balances with the sums of the verified entries. */
public final class StoredBalances {
    private StoredBalances() {
    }

    /** A message naming the first account (in name order) whose stored balance differs, or empty. */
    public static Optional<String> firstDifference(Map<String, Long> stored, Map<String, Long> computed) {
        TreeSet<String> accounts = new TreeSet<>(stored.keySet());
        accounts.addAll(computed.keySet());
        for (String account : accounts) {
            long s = stored.getOrDefault(account, 0L);
            long c = computed.getOrDefault(account, 0L);
            if (s != c) {
                return Optional.of("stored balance of " + account + " is " + s + " but the entries sum to " + c);
            }
        }
        return Optional.empty();
    }
}
