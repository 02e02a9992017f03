package io.edgecoder.ledger.app;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.Settings;
import io.edgecoder.ledger.inference.InferencePricing;
import io.edgecoder.ledger.inference.InferencePricing.ModelClass;
import io.edgecoder.ledger.inference.InferencePricing.Price;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads the prices of model calls ({@code ledger.inference.*}, docs/inference.md lists each key and default): per class
 * {@code ledger.inference.price.<class>.prompt.milli} and {@code .completion.milli} (per 1,000 tokens), the class bounds
 * {@code ledger.inference.class.small.max.bytes} and {@code .medium.max.bytes}, {@code ledger.inference.class.unknown},
 * {@code ledger.inference.default.max.tokens} and {@code ledger.inference.escrow.ttl.ms}.
 */
final class InferencePriceConfig {
    static final String PREFIX = "ledger.inference.";
    static final String SMALL_MAX_BYTES = PREFIX + "class.small.max.bytes";
    static final String MEDIUM_MAX_BYTES = PREFIX + "class.medium.max.bytes";
    static final String UNKNOWN_CLASS = PREFIX + "class.unknown";
    static final String DEFAULT_MAX_TOKENS = PREFIX + "default.max.tokens";
    static final String ESCROW_TTL_MS = PREFIX + "escrow.ttl.ms";
    static final String ALLOWANCE_MAX_MILLI = PREFIX + "allowance.max.milli";
    static final String ALLOWANCE_TTL_MS = PREFIX + "allowance.ttl.ms";

    private InferencePriceConfig() {
    }

    static InferencePricing pricing(Settings s) {
        InferencePricing d = InferencePricing.DEFAULT;
        Map<ModelClass, Price> prices = new EnumMap<>(ModelClass.class);
        for (ModelClass c : ModelClass.values()) {
            String key = PREFIX + "price." + c.id() + ".";
            Price fallback = d.price(c);
            prices.put(c, new Price(longOr(s, key + "prompt.milli", fallback.promptMilli(), 0),
                longOr(s, key + "completion.milli", fallback.completionMilli(), 1)));
        }
        try {
            return new InferencePricing(longOr(s, SMALL_MAX_BYTES, d.smallMaxBytes(), 1), longOr(s, MEDIUM_MAX_BYTES, d.mediumMaxBytes(), 1),
                s.has(UNKNOWN_CLASS) ? ModelClass.parse(s.string(UNKNOWN_CLASS)) : d.unknownClass(), prices,
                LedgerConfig.intOr(s, DEFAULT_MAX_TOKENS, d.defaultMaxTokens(), 1, 1_048_576));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("ledger.inference.*: " + e.getMessage());
        }
    }

    /** How long an escrow may stay open before the sweep returns it (default 15 minutes, above any call's timeout). */
    static Duration escrowTtl(Settings s) {
        return Duration.ofMillis(longOr(s, ESCROW_TTL_MS, 900_000, 10_000));
    }

    /** The largest allowance granted (default 1,000 credits) and how long one takes draws (default 10 minutes). */
    static io.edgecoder.ledger.inference.AllowanceTerms allowances(Settings s) {
        io.edgecoder.ledger.inference.AllowanceTerms d = io.edgecoder.ledger.inference.AllowanceTerms.DEFAULT;
        return new io.edgecoder.ledger.inference.AllowanceTerms(longOr(s, ALLOWANCE_MAX_MILLI, d.maxMilli(), 1),
            Duration.ofMillis(longOr(s, ALLOWANCE_TTL_MS, d.ttl().toMillis(), 1000)));
    }

    private static long longOr(Settings s, String key, long fallback, long min) {
        return s.has(key) ? s.longValue(key, min, 1_000_000_000_000L) : fallback;
    }
}
