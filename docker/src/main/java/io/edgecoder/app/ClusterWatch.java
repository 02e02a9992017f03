package io.edgecoder.app;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says so when a node that was told to join others runs alone: a {@code --join} address that
 * answers nothing leaves Hazelcast in a cluster of its own. The node keeps trying (Hazelcast's
 * merge looks for the configured members every {@value ClusterConfigs#MERGE_DELAY_SECONDS} s and
 * merges with what it finds); this watch warns at once, again every minute while alone, and logs
 * when the node is no longer alone.
 */
final class ClusterWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
    static final long CHECK_MS = 5_000;
    private static final long REPEAT_MS = 60_000;

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final List<String> join;
    private long timer = -1;
    private long aloneSince = -1;
    private long warned = -1;

    ClusterWatch(Vertx vertx, HazelcastInstance hazelcast, List<String> join) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.join = join;
    }

    void start() {
        if (join.isEmpty()) {
            return;
        }
        check();
        timer = vertx.setPeriodic(CHECK_MS, id -> check());
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    private void check() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        int size = hazelcast.getCluster().getMembers().size();
        long now = System.currentTimeMillis();
        if (size > 1) {
            if (aloneSince >= 0) {
                LOG.info("joined the cluster after running alone for {} s: {} members now", (now - aloneSince) / 1000, size);
            }
            aloneSince = -1;
            return;
        }
        if (aloneSince < 0) {
            aloneSince = now;
        }
        if (warned < 0 || now - warned >= REPEAT_MS) {
            warned = now;
            LOG.warn("running alone: no member at {} answered{}; still trying every {} s", join,
                now == aloneSince ? "" : " for " + (now - aloneSince) / 1000 + " s", ClusterConfigs.MERGE_DELAY_SECONDS);
        }
    }
}
