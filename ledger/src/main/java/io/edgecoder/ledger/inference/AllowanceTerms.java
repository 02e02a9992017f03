package io.edgecoder.ledger.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ledger grants standing allowances (docs/inference.md, "Allowances").
 *
 * @param maxMilli the most one allowance may escrow ({@code ledger.inference.allowance.max.milli})
 * @param ttl how long an allowance takes draws before its rest goes back ({@code ledger.inference.allowance.ttl.ms})
 */
public record AllowanceTerms(long maxMilli, Duration ttl) {
    /** 1,000 credits at most, ten minutes. */
    public static final AllowanceTerms DEFAULT = new AllowanceTerms(1_000_000, Duration.ofMinutes(10));

    public AllowanceTerms {
        Objects.requireNonNull(ttl, "ttl");
        if (maxMilli < 1 || ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("an allowance's cap must be >= 1 milli-credit and its ttl >= 1 s");
        }
    }
}
