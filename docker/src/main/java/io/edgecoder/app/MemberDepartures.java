package io.edgecoder.app;

import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.MemberLeftEvent;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.NodeCertificate;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this node's roles when cluster membership says a node of the deployment left: when
 * Hazelcast removes a member, the member's signed statement in {@value ClusterMembers#MAP} names
 * the node (a member without a valid statement was never one of ours and is ignored), and a
 * {@link MemberLeftEvent} is published locally on {@link NodeAddresses#MEMBER_LEFT}. A listener
 * of its own, next to the one Vert.x's cluster manager registers, which it does not replace.
 */
final class MemberDepartures extends MembershipAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MemberDepartures.class);
    /** The member attribute in which Vert.x's Hazelcast cluster manager keeps the node id it uses in the cluster. */
    static final String VERTX_NODE_ID = "__vertx.nodeId";

    private final Context context;
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> members;
    private final MeshTrust trust;
    private final BusClient bus;
    private UUID registration;

    MemberDepartures(Vertx vertx, HazelcastInstance hazelcast, MeshTrust trust, BusClient bus) {
        this.context = vertx.getOrCreateContext();
        this.hazelcast = hazelcast;
        this.members = hazelcast.getMap(ClusterMembers.MAP);
        this.trust = trust;
        this.bus = bus;
    }

    void start() {
        registration = hazelcast.getCluster().addMembershipListener(this);
    }

    void stop() {
        if (registration != null && hazelcast.getLifecycleService().isRunning()) {
            hazelcast.getCluster().removeMembershipListener(registration);
        }
        registration = null;
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
        context.executeBlocking(() -> nodeOf(member), true)
            .onSuccess(node -> node.ifPresentOrElse(id -> announce(id, member),
                () -> LOG.debug("cluster member {} left without a valid statement of a node of this deployment", member)))
            .onFailure(e -> LOG.warn("cannot tell which node cluster member {} was: {}", member, e.getMessage()));
    }

    private Optional<String> nodeOf(String member) {
        return ClusterMembers.verify(member, members.get(member), trust).map(NodeCertificate::nodeId);
    }

    private void announce(String nodeId, String member) {
        LOG.info("node {} left the cluster (member {}); its roles' work is taken over", nodeId, member);
        bus.publishLocal(NodeAddresses.MEMBER_LEFT, new MemberLeftEvent(nodeId, member, Instant.now()));
    }
}
