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
    Duration replyMargin) {

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
            s.millis(ConfigKeys.REPLY_MARGIN_MS, 100, 3_600_000));
    }
}
