package io.edgecoder.ledger.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.ledger.impl.PgLedgerStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the ledger role, built once from {@link Settings}.
 *
 * @param dbUrl PostgreSQL URI ({@code postgresql://user@host:port/db})
 * @param poolSize connections of the ledger's own pool ({@code db.pool.size})
 * @param busTimeout default request timeout ({@code bus.timeout.ms})
 * @param priceCpuSecondMilli milli-credits per CPU-second ({@code ledger.price.cpu.second.milli})
 * @param tuning group commit: {@code ledger.batch.max}, {@code ledger.batch.queue.max},
 *               {@code ledger.batch.linger.ms}, {@code ledger.verify.page}
 * @param checkpoints when checkpoints are written and whose signatures verify accepts
 * @param economy fees, credit lines, price, quotes and issuance
 * @param identity this node's key pair (signs checkpoints and quotes)
 * @param inference prices of model calls ({@code ledger.inference.*})
 * @param inferenceEscrowTtl how long a model call's escrow may stay open ({@code ledger.inference.escrow.ttl.ms})
 * @param allowances standing allowances of model calls ({@code ledger.inference.allowance.*})
 */
public record LedgerConfig(String dbUrl, int poolSize, Duration busTimeout, long priceCpuSecondMilli,
                           PgLedgerStore.Tuning tuning, Checkpointing checkpoints, EconomyConfig economy,
                           NodeIdentity identity, io.edgecoder.ledger.inference.InferencePricing inference,
                           Duration inferenceEscrowTtl, io.edgecoder.ledger.inference.AllowanceTerms allowances) {
    public static final String BATCH_MAX = "ledger.batch.max";
    public static final String BATCH_QUEUE_MAX = "ledger.batch.queue.max";
    public static final String BATCH_LINGER_MS = "ledger.batch.linger.ms";
    public static final String VERIFY_PAGE = "ledger.verify.page";
    public static final String CHECKPOINT_ENTRIES = "ledger.checkpoint.entries";
    public static final String CHECKPOINT_INTERVAL_MS = "ledger.checkpoint.interval.ms";
    public static final String CHECKPOINT_TRUSTED_KEYS = "ledger.checkpoint.trusted.keys";

    /**
     * @param everyEntries a checkpoint after this many new entries ({@code ledger.checkpoint.entries}, 10000)
     * @param maxAge or after this long when any entry is new ({@code ledger.checkpoint.interval.ms}, 60000)
     * @param trustedKeys base64 Ed25519 keys whose checkpoint signatures verify accepts besides the
     *                    node's own ({@code ledger.checkpoint.trusted.keys}); a checkpoint by any other key fails
     */
    public record Checkpointing(long everyEntries, Duration maxAge, Set<String> trustedKeys) {
        public Checkpointing {
            trustedKeys = Set.copyOf(trustedKeys);
        }

        /** How often the scheduler looks: often enough for both triggers, at most once a second. */
        public Duration tick() {
            return Duration.ofMillis(Math.max(10, Math.min(1000, maxAge.toMillis() / 2)));
        }
    }

    public LedgerConfig {
        if (dbUrl == null || dbUrl.isBlank()) {
            throw new ConfigException("the ledger needs a database URL ('" + ConfigKeys.DB_URL + "')");
        }
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(economy, "economy");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(inferenceEscrowTtl, "inferenceEscrowTtl");
        Objects.requireNonNull(allowances, "allowances");
    }

    public static LedgerConfig from(Settings settings, String dbUrl, NodeIdentity identity) {
        PgLedgerStore.Tuning d = PgLedgerStore.Tuning.DEFAULT;
        int maxBatch = intOr(settings, BATCH_MAX, d.maxBatch(), 1, 100_000);
        int maxQueued = intOr(settings, BATCH_QUEUE_MAX, d.maxQueued(), 1, 10_000_000);
        if (maxQueued < maxBatch) {
            throw new ConfigException("setting '" + BATCH_QUEUE_MAX + "' must be at least '" + BATCH_MAX + "'");
        }
        PgLedgerStore.Tuning tuning = new PgLedgerStore.Tuning(maxBatch, maxQueued,
            intOr(settings, BATCH_LINGER_MS, (int) d.lingerMs(), 0, 1000),
            intOr(settings, VERIFY_PAGE, d.verifyPage(), 1, 1_000_000));
        return new LedgerConfig(dbUrl,
            intOr(settings, ConfigKeys.DB_POOL_SIZE, 4, 1, 100),
            Duration.ofMillis(intOr(settings, ConfigKeys.BUS_TIMEOUT_MS, 10_000, 1, 3_600_000)),
            intOr(settings, ConfigKeys.PRICE_CPU_SECOND, 1000, 1, 1_000_000_000),
            tuning, checkpointing(settings), EconomyConfig.from(settings), identity, InferencePriceConfig.pricing(settings),
            InferencePriceConfig.escrowTtl(settings), InferencePriceConfig.allowances(settings));
    }

    private static Checkpointing checkpointing(Settings settings) {
        return new Checkpointing(intOr(settings, CHECKPOINT_ENTRIES, 10_000, 1, 100_000_000),
            Duration.ofMillis(intOr(settings, CHECKPOINT_INTERVAL_MS, 60_000, 20, 86_400_000)),
            Set.copyOf(settings.list(CHECKPOINT_TRUSTED_KEYS)));
    }

    static int intOr(Settings settings, String key, int fallback, int min, int max) {
        return settings.has(key) ? settings.integer(key, min, max) : fallback;
    }
}
