package io.edgecoder.ledger.app;

import static io.edgecoder.ledger.app.LedgerConfig.intOr;

import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.ledger.economy.DynamicPrice;
import io.edgecoder.ledger.economy.IssuanceCalculator;
import java.time.Duration;

/**
 * The economy's settings (docs/economy.md lists every key with its default and formula).
 *
 * @param feeBps coordinator fee in basis points of each charge, 0..5000
 * @param userCreditLineMilli how far a user without a stored credit line may go below zero
 * @param price the CPU-second price's base, bounds and response
 * @param issuance issuance windows, or null when {@code ledger.issuance.enabled=false}
 * @param btcUsd operator-set BTC price in USD (0: none set, quotes are refused)
 * @param creditUsdMicro the value of one credit in micro-USD
 * @param quoteValidity how long a quote stays valid
 */
public record EconomyConfig(int feeBps, long userCreditLineMilli, DynamicPrice.Params price,
                            IssuanceCalculator.Params issuance, long btcUsd, long creditUsdMicro,
                            Duration quoteValidity) {
    public static final String FEE_BPS = "ledger.fee.bps";
    public static final String USER_CREDIT_LINE = "ledger.credit.line.user.milli";
    public static final String PRICE_MIN = "ledger.price.min.milli";
    public static final String PRICE_MAX = "ledger.price.max.milli";
    public static final String PRICE_SENSITIVITY = "ledger.price.sensitivity.permille";
    public static final String PRICE_SMOOTHING = "ledger.price.smoothing.permille";
    public static final String BTC_USD = "ledger.btc.usd";
    public static final String CREDIT_USD_MICRO = "ledger.credit.usd.micro";
    public static final String QUOTE_VALIDITY_MS = "ledger.quote.validity.ms";
    public static final String ISSUANCE_ENABLED = "ledger.issuance.enabled";
    public static final String ISSUANCE_RECALC_MS = "ledger.issuance.recalc.ms";
    public static final String ISSUANCE_WINDOW_MS = "ledger.issuance.window.ms";
    public static final String ISSUANCE_BASE = "ledger.issuance.daily.base.milli";
    public static final String ISSUANCE_MIN = "ledger.issuance.daily.min.milli";
    public static final String ISSUANCE_MAX = "ledger.issuance.daily.max.milli";
    public static final String ISSUANCE_LOAD_REFERENCE = "ledger.issuance.load.reference.milli";
    public static final String ISSUANCE_SLOPE = "ledger.issuance.slope.permille";
    public static final String ISSUANCE_SMOOTHING = "ledger.issuance.smoothing.permille";
    public static final String ISSUANCE_COORDINATOR_BPS = "ledger.issuance.coordinator.bps";
    public static final String ISSUANCE_RESERVE_BPS = "ledger.issuance.reserve.bps";

    public static EconomyConfig from(Settings s) {
        return new EconomyConfig(intOr(s, FEE_BPS, 0, 0, 5000), longOr(s, USER_CREDIT_LINE, 10_000_000),
            price(s), s.has(ISSUANCE_ENABLED) && !s.bool(ISSUANCE_ENABLED) ? null : issuance(s),
            longOr(s, BTC_USD, 0), longOr(s, CREDIT_USD_MICRO, 10_000),
            Duration.ofMillis(intOr(s, QUOTE_VALIDITY_MS, 600_000, 1000, 86_400_000)));
    }

    private static DynamicPrice.Params price(Settings s) {
        int base = intOr(s, ConfigKeys.PRICE_CPU_SECOND, 1000, 1, 1_000_000_000);
        int min = intOr(s, PRICE_MIN, Math.max(1, base / 4), 1, base);
        int max = intOr(s, PRICE_MAX, (int) Math.min(Integer.MAX_VALUE, base * 4L), base, Integer.MAX_VALUE);
        return new DynamicPrice.Params(base, min, max, intOr(s, PRICE_SENSITIVITY, 500, 0, 100_000),
            intOr(s, PRICE_SMOOTHING, 200, 1, 1000));
    }

    private static IssuanceCalculator.Params issuance(Settings s) {
        long base = longOr(s, ISSUANCE_BASE, 1_000_000);
        try {
            return new IssuanceCalculator.Params(
                Duration.ofMillis(intOr(s, ISSUANCE_RECALC_MS, 600_000, 1000, 86_400_000)),
                Duration.ofMillis(intOr(s, ISSUANCE_WINDOW_MS, 86_400_000, 1000, Integer.MAX_VALUE)),
                base, longOr(s, ISSUANCE_MIN, base / 2), longOr(s, ISSUANCE_MAX, base * 2),
                longOr(s, ISSUANCE_LOAD_REFERENCE, 1_000_000), intOr(s, ISSUANCE_SLOPE, 500, 0, 100_000),
                intOr(s, ISSUANCE_SMOOTHING, 300, 1, 1000), intOr(s, ISSUANCE_COORDINATOR_BPS, 1000, 0, 10_000),
                intOr(s, ISSUANCE_RESERVE_BPS, 1000, 0, 10_000));
        } catch (IllegalArgumentException e) {
            throw new io.edgecoder.core.config.ConfigException("ledger.issuance.*: " + e.getMessage());
        }
    }

    private static long longOr(Settings s, String key, long fallback) {
        return s.has(key) ? s.longValue(key, 0, Long.MAX_VALUE / 1_000_000) : fallback;
    }
}
