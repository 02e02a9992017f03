package io.edgecoder.app;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.MemberLeftEvent;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.NodeCertificate;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this node's roles when cluster membership says a node of the deployment left: when
 * Hazelcast removes a member, the member's signed statement in {@value ClusterMembers#MAP} names
 * the node (a member without a valid statement was never one of ours and is ignored), and a
 * {@link MemberLeftEvent} is published locally on {@link NodeAddresses#MEMBER_LEFT}. A listener
 * of its own, next to the one Vert.x's cluster manager registers, which it does not replace.
 *
 * <p>Then it removes the departed member's statement from the map: a member id never comes back (a
 * restarted node joins under a new one), so without this the map would grow by one entry per restart.
 * Every node that sees the departure removes it (the second finds nothing), so each node names the
 * departed node from the statements it heard while the member lived, not from the map. A member that
 * is live again when the removal runs (after a split brain healed) keeps its statement; a node whose
 * statement the other half removed puts it back itself ({@link OwnStatement}).
 */
final class MemberDepartures extends MembershipAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MemberDepartures.class);
    /** The member attribute in which Vert.x's Hazelcast cluster manager keeps the node id it uses in the cluster. */
    static final String VERTX_NODE_ID = "__vertx.nodeId";
    /** A bound on the statements remembered, far above any Hazelcast cluster's size. */
    private static final int MAX_HEARD = 4096;

    private final Context context;
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> members;
    private final MeshTrust trust;
    private final BusClient bus;
    /** Valid statements of members as this node heard them; those of departed members are dropped. */
    private final Map<String, String> heard = new ConcurrentHashMap<>();
    private UUID registration;
    private UUID entries;

    MemberDepartures(Vertx vertx, HazelcastInstance hazelcast, MeshTrust trust, BusClient bus) {
        this.context = vertx.getOrCreateContext();
        this.hazelcast = hazelcast;
        this.members = hazelcast.getMap(ClusterMembers.MAP);
        this.trust = trust;
        this.bus = bus;
    }

    /** Starts listening; blocking (it reads the statements already in the map). */
    void start() {
        entries = members.addEntryListener(new Statements(), true);
        members.entrySet().forEach(e -> hear(e.getKey(), e.getValue(), false));
        registration = hazelcast.getCluster().addMembershipListener(this);
    }

    void stop() {
        if (hazelcast.getLifecycleService().isRunning()) {
            if (registration != null) {
                hazelcast.getCluster().removeMembershipListener(registration);
            }
            if (entries != null) {
                members.removeEntryListener(entries);
            }
        }
        registration = null;
        entries = null;
    }

    /** Whether a member of {@code cluster} now carries the Vert.x node id {@code member}. */
    static boolean live(Cluster cluster, String member) {
        return cluster.getMembers().stream().anyMatch(m -> member.equals(m.getAttribute(VERTX_NODE_ID)));
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        // the key of a statement is the Vert.x node id, which Vert.x's cluster manager keeps in a member attribute
        String member = event.getMember().getAttribute(VERTX_NODE_ID);
        if (member == null) {
            return;
        }
        // the statement is read from the distributed map: blocking, so off Hazelcast's event thread and any event loop;
        // one context, ordered: departures are reported in the order they happened
        context.executeBlocking(() -> depart(member), true)
            .onSuccess(node -> node.ifPresentOrElse(id -> announce(id, member),
                () -> LOG.debug("cluster member {} left without a valid statement of a node of this deployment", member)))
            .onFailure(e -> LOG.warn("cannot tell which node cluster member {} was: {}", member, e.getMessage()));
    }

    /** Names the node behind a departed member, then removes the member's statement. */
    private Optional<String> depart(String member) {
        String statement = heard.remove(member);
        Optional<String> node = ClusterMembers.verify(member, statement != null ? statement : members.get(member), trust)
            .map(NodeCertificate::nodeId);
        forget(member);
        return node;
    }

    /** Removes a departed member's statement unless the member is live again; drops what it heard of departed members. */
    private void forget(String member) {
        try {
            if (!live(hazelcast.getCluster(), member)) {
                members.delete(member);
            }
            heard.keySet().removeIf(m -> !live(hazelcast.getCluster(), m));
        } catch (RuntimeException e) {
            LOG.debug("cannot remove the statement of departed cluster member {}: {}", member, e.getMessage());
        }
    }

    /** Keeps a valid statement (a planted one is not worth remembering); {@code newer} replaces what was heard before. */
    private void hear(String member, String statement, boolean newer) {
        if (member == null || heard.size() >= MAX_HEARD || ClusterMembers.verify(member, statement, trust).isEmpty()) {
            return;
        }
        if (newer) {
            heard.put(member, statement);
        } else {
            heard.putIfAbsent(member, statement);
        }
    }

    private void announce(String nodeId, String member) {
        LOG.info("node {} left the cluster (member {}); its roles' work is taken over", nodeId, member);
        bus.publishLocal(NodeAddresses.MEMBER_LEFT, new MemberLeftEvent(nodeId, member, Instant.now()));
    }

    /** Statements put in the map, heard as they come (on a Hazelcast event thread). */
    private final class Statements implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            hear(event.getKey(), event.getValue(), true);
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            hear(event.getKey(), event.getValue(), true);
        }
    }
}
