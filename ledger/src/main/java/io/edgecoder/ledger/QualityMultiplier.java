package io.edgecoder.ledger;

/**
 * How much of a worker's share it earns when a model did the work, by model size: 1.0 for 7B
 * parameters and more, 0.7 for 3–7B, 0.5 for 1.5–3B, 0.3 below. Work without a model earns in
 * full. Expressed in basis points so amounts stay integers.
 */
public final class QualityMultiplier {
    public static final int FULL_BPS = 10_000;

    private QualityMultiplier() {
    }

    /** @param billionsOfParameters the model's size, or null when no model did the work */
    public static int bps(Double billionsOfParameters) {
        if (billionsOfParameters == null || billionsOfParameters >= 7.0) {
            return FULL_BPS;
        }
        if (billionsOfParameters >= 3.0) {
            return 7_000;
        }
        if (billionsOfParameters >= 1.5) {
            return 5_000;
        }
        return 3_000;
    }
}
