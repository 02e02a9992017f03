package io.edgecoder.app;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.multimap.MultiMap;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.MeshTrust;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.impl.HazelcastRegistrationInfo;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes event-bus subscriptions that a non-node planted in the cluster's subscription map. A
 * member without a certificate cannot complete a TLS handshake with any node, so a message routed
 * to its subscription would only wait for its timeout; this guard takes such subscriptions out as
 * they appear (and in a sweep every few seconds), so senders never pick them. Members are
 * recognised by their signed statement ({@link ClusterMembers}); a verdict is cached for a minute,
 * so a revoked node's subscriptions go too.
 */
final class SubscriptionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGuard.class);
    static final String SUBSCRIPTIONS = "__vertx.subs";
    private static final long SWEEP_MS = 5_000;
    private static final long VERDICT_MS = 60_000;

    private final Vertx vertx;
    private final MultiMap<String, HazelcastRegistrationInfo> subscriptions;
    private final IMap<String, String> members;
    private final Cluster cluster;
    private final MeshTrust trust;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private UUID listener;
    private long timer = -1;

    private record Verdict(boolean member, long expires) {
    }

    SubscriptionGuard(Vertx vertx, HazelcastInstance hazelcast, MeshTrust trust) {
        this.vertx = vertx;
        this.subscriptions = hazelcast.getMultiMap(SUBSCRIPTIONS);
        this.members = hazelcast.getMap(ClusterMembers.MAP);
        this.cluster = hazelcast.getCluster();
        this.trust = trust;
    }

    void start() {
        listener = subscriptions.addEntryListener(new EntryAdapter<String, HazelcastRegistrationInfo>() {
            @Override
            public void entryAdded(EntryEvent<String, HazelcastRegistrationInfo> event) {
                added(event);
            }
        }, true);
        timer = vertx.setPeriodic(SWEEP_MS, id -> vertx.executeBlocking(this::sweep, false));
    }

    void stop() {
        vertx.cancelTimer(timer);
        if (listener != null) {
            try {
                subscriptions.removeEntryListener(listener);
            } catch (RuntimeException e) {
                LOG.debug("subscription guard listener already gone: {}", e.getMessage());
            }
        }
    }

    private void added(EntryEvent<String, HazelcastRegistrationInfo> event) {
        String address = event.getKey();
        HazelcastRegistrationInfo registration = event.getValue();
        vertx.executeBlocking(() -> check(address, registration), false);
    }

    private Void sweep() {
        subscriptions.entrySet().forEach(e -> check(e.getKey(), e.getValue()));
        return null;
    }

    private Void check(String address, HazelcastRegistrationInfo registration) {
        String member = registration.unwrap().nodeId();
        if (!isMember(member) && subscriptions.remove(address, registration)) {
            if (MemberDepartures.live(cluster, member)) {
                LOG.warn("security: removed the subscription to {} that cluster member {} planted without a certificate "
                    + "of this deployment (it could never be delivered to)", address, member);
            } else {
                // a departed member's statement is removed at once; Vert.x removes its subscriptions too
                LOG.debug("removed the subscription to {} of departed cluster member {}", address, member);
            }
        }
        return null;
    }

    private boolean isMember(String clusterNodeId) {
        long now = System.currentTimeMillis();
        Verdict cached = verdicts.get(clusterNodeId);
        if (cached != null && cached.expires() > now) {
            return cached.member();
        }
        boolean member = ClusterMembers.verify(clusterNodeId, members.get(clusterNodeId), trust).isPresent();
        verdicts.put(clusterNodeId, new Verdict(member, now + (member ? VERDICT_MS : 1_000)));
        return member;
    }
}
