package io.edgecoder.core.message;

import java.time.Instant;

/**
 * A node of the deployment left the cluster (see {@code NodeAddresses.MEMBER_LEFT}).
 *
 * @param nodeId the node's id, from the certificate in its signed member statement
 * @param clusterMember its cluster member id (the Vert.x cluster manager's node id)
 * @param at when this node saw it leave
 */
public record MemberLeftEvent(String nodeId, String clusterMember, Instant at) {
}
