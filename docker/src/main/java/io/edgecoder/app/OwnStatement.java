package io.edgecoder.app;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.NodeCredentials;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's statement in {@value ClusterMembers#MAP}. The nodes remove a departed member's
 * statement ({@link MemberDepartures}); in a split brain each half sees the other half depart and
 * removes its statements, and without a statement a node's subscriptions count as planted. So the
 * node puts its statement back when the halves merge, and checks it every {@code period} (which
 * also replaces a statement whose certificate was renewed). Checking is one map read.
 */
final class OwnStatement implements LifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(OwnStatement.class);
    static final Duration PERIOD = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final String clusterNodeId;
    private final NodeCredentials credentials;
    private final Duration period;
    private UUID registration;
    private long timer = -1;

    OwnStatement(Vertx vertx, HazelcastInstance hazelcast, String clusterNodeId, NodeCredentials credentials, Duration period) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.clusterNodeId = clusterNodeId;
        this.credentials = credentials;
        this.period = period;
    }

    void start() {
        registration = hazelcast.getLifecycleService().addLifecycleListener(this);
        timer = vertx.setPeriodic(period.toMillis(), id -> check("periodic check"));
    }

    void stop() {
        vertx.cancelTimer(timer);
        if (registration != null && hazelcast.getLifecycleService().isRunning()) {
            hazelcast.getLifecycleService().removeLifecycleListener(registration);
        }
        registration = null;
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
            vertx.runOnContext(v -> check("merge of a split cluster"));
        }
    }

    private void check(String why) {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return;
        }
        ClusterMembers.reannounce(vertx, clusterNodeId, credentials)
            .onSuccess(put -> {
                if (put) {
                    LOG.info("put this node's statement (member {}) back in {} after a {}", clusterNodeId, ClusterMembers.MAP, why);
                }
            })
            .onFailure(e -> LOG.debug("cannot check this node's statement in {}: {}", ClusterMembers.MAP, e.getMessage()));
    }
}
