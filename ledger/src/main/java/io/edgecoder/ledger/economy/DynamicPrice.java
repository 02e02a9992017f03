package io.edgecoder.ledger.economy;

/**
 * The price of a CPU-second, moved by load. Each observation of queued demand {@code d} and
 * free capacity {@code c} (both in CPU-slots) gives the load ratio ρ = d / max(1, c) and a
 * target price clamp(base × (1 + s × (ρ − 1)), min, max); the price moves a fraction α of the
 * way to the target (exponential smoothing), so one burst does not whipsaw it. s and α are in
 * per-mille. Not thread-safe: owned by one verticle.
 */
public final class DynamicPrice {
    /** Bounds and response of the price, all prices in milli-credits per CPU-second. */
    public record Params(long baseMilli, long minMilli, long maxMilli, int sensitivityPermille, int smoothingPermille) {
        public Params {
            if (minMilli < 1 || minMilli > baseMilli || baseMilli > maxMilli) {
                throw new IllegalArgumentException("price bounds must satisfy 1 <= min <= base <= max");
            }
            if (sensitivityPermille < 0 || smoothingPermille < 1 || smoothingPermille > 1000) {
                throw new IllegalArgumentException("sensitivity must be >= 0 and smoothing within 1..1000 per-mille");
            }
        }
    }

    private final Params params;
    private double price;
    private double lastLoad = 1.0;

    public DynamicPrice(Params params) {
        this.params = params;
        this.price = params.baseMilli();
    }

    /** The current price in milli-credits per CPU-second. */
    public long current() {
        return Math.round(price);
    }

    public double lastLoad() {
        return lastLoad;
    }

    public Params params() {
        return params;
    }

    /** Feeds one load observation; answers the new price. */
    public long observe(long queuedDemand, long freeCapacity) {
        if (queuedDemand < 0 || freeCapacity < 0) {
            throw new IllegalArgumentException("demand and capacity must be >= 0");
        }
        lastLoad = (double) queuedDemand / Math.max(1, freeCapacity);
        price += params.smoothingPermille() / 1000.0 * (target(lastLoad) - price);
        return current();
    }

    /** The price the load ratio points to, before smoothing. */
    public double target(double load) {
        double raw = params.baseMilli() * (1 + params.sensitivityPermille() / 1000.0 * (load - 1));
        return Math.max(params.minMilli(), Math.min(params.maxMilli(), raw));
    }
}
