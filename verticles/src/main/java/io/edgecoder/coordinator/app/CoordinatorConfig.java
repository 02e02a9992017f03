package io.edgecoder.coordinator.app;

import io.edgecoder.core.Isolation;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * Configuration of the coordinator role.
 *
 * @param upkeepInterval how often silent workers are expired and job leases renewed
 * @param quorum agreeing results from distinct workers that confirm a result from outside the requester's trust domain
 * @param reputationThreshold agreeing replicated results after which a node's work is only spot-checked
 * @param spotCheckPermille share, in thousandths, of a reputable node's results that are replicated anyway
 * @param replyMargin how long past a job's timeout a worker's reply is awaited before the attempt counts as lost
 * @param queueMaxPerAccount unfinished jobs one requester may have (beyond: 429 with Retry-After)
 * @param queueMax unfinished jobs across all requesters (beyond: 429 with Retry-After)
 * @param fairWeights fair-share weight per account (an account not named weighs 1)
 */
public record CoordinatorConfig(
    String nodeId,
    String org,
    String dbUrl,
    int poolSize,
    Duration busTimeout,
    int maxAttempts,
    int missedHeartbeats,
    long capacityWaitMillis,
    Isolation meshMinimum,
    Isolation localMinimum,
    Duration upkeepInterval,
    MeterRegistry meters,
    int quorum,
    int reputationThreshold,
    int spotCheckPermille,
    Duration replyMargin,
    long queueMaxPerAccount,
    long queueMax,
    java.util.Map<String, Integer> fairWeights) {

    public static CoordinatorConfig from(Settings s, String dbUrl, NodeIdentity identity, MeterRegistry meters) {
        return new CoordinatorConfig(
            identity.nodeId(),
            s.string(ConfigKeys.ORG),
            dbUrl,
            s.integer(ConfigKeys.DB_POOL_SIZE, 1, 100),
            s.millis(ConfigKeys.BUS_TIMEOUT_MS, 100, 600_000),
            s.integer(ConfigKeys.MAX_ATTEMPTS, 1, 10),
            s.integer(ConfigKeys.MISSED_HEARTBEATS, 1, 100),
            s.longValue(ConfigKeys.CAPACITY_WAIT_MS, 1, 3_600_000),
            Isolation.parse(s.string(ConfigKeys.MESH_MIN_ISOLATION), ConfigKeys.MESH_MIN_ISOLATION),
            Isolation.parse(s.string(ConfigKeys.LOCAL_MIN_ISOLATION), ConfigKeys.LOCAL_MIN_ISOLATION),
            Duration.ofMillis(Math.max(100, s.longValue(ConfigKeys.HEARTBEAT_MS, 50, 60_000) / 2)),
            meters == null ? new SimpleMeterRegistry() : meters,
            s.integer(ConfigKeys.TRUST_QUORUM, 2, 9),
            s.integer(ConfigKeys.TRUST_REPUTATION_THRESHOLD, 0, 1_000_000),
            s.integer(ConfigKeys.TRUST_SPOT_CHECK_PERMILLE, 0, 1000),
            s.millis(ConfigKeys.REPLY_MARGIN_MS, 100, 3_600_000),
            s.longValue(ConfigKeys.QUEUE_MAX_PER_ACCOUNT, 1, 10_000_000),
            s.longValue(ConfigKeys.QUEUE_MAX, 1, 100_000_000),
            weights(s));
    }

    /** {@code account=weight,...}, each weight 1..100; a malformed entry fails naming the key. */
    static java.util.Map<String, Integer> weights(Settings s) {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (String entry : s.list(ConfigKeys.FAIR_WEIGHTS)) {
            String[] kv = entry.split("=", 2);
            int weight;
            try {
                weight = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
            } catch (NumberFormatException e) {
                weight = -1;
            }
            if (kv[0].isBlank() || weight < 1 || weight > 100) {
                throw new io.edgecoder.core.config.ConfigException("setting '" + ConfigKeys.FAIR_WEIGHTS
                    + "' must be account=weight pairs with weights 1..100, got '" + entry + "'");
            }
            out.put(kv[0].trim(), weight);
        }
        return java.util.Map.copyOf(out);
    }
}
