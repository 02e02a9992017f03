package io.edgecoder.core.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Which members of the Hazelcast cluster are nodes of the deployment. Hazelcast admits anyone who
 * knows the cluster name, and Vert.x keeps its subscription map (which member consumes which
 * address) in Hazelcast, where any member can write. So every node announces, right after joining
 * and before registering any consumer, a statement signed with its key binding its cluster member
 * id to its certificate, in the cluster map {@value #MAP}. Nodes then treat a subscription whose
 * member has no valid statement as planted and remove it (the launcher's subscription guard).
 * A statement cannot be moved to another member id, because the id is what is signed.
 */
public final class ClusterMembers {
    public static final String MAP = "edgecoder.members";

    private ClusterMembers() {
    }

    /** Puts this node's statement for {@code clusterNodeId} (the Vert.x cluster manager's node id). */
    public static Future<Void> announce(Vertx vertx, String clusterNodeId, NodeCredentials credentials) {
        return vertx.sharedData().<String, String>getAsyncMap(MAP)
            .compose(map -> map.put(clusterNodeId, statement(clusterNodeId, credentials)));
    }

    static String statement(String clusterNodeId, NodeCredentials credentials) {
        String cert = credentials.certificateBase64();
        byte[] sig = credentials.identity().sign(signed(clusterNodeId, cert));
        return new JsonObject().put("member", clusterNodeId).put("cert", cert)
            .put("sig", Base64.getEncoder().encodeToString(sig)).encode();
    }

    /** The certificate of the node behind {@code clusterNodeId}, if its statement is valid and trusted now. */
    public static Optional<NodeCertificate> verify(String clusterNodeId, String statement, MeshTrust trust) {
        if (statement == null) {
            return Optional.empty();
        }
        try {
            JsonObject json = new JsonObject(statement);
            String cert = json.getString("cert");
            if (!clusterNodeId.equals(json.getString("member")) || cert == null) {
                return Optional.empty();
            }
            NodeCertificate node = trust.check(cert);
            byte[] sig = Base64.getDecoder().decode(json.getString("sig", ""));
            return Ed25519Keys.verify(node.rawPublicKey(), signed(clusterNodeId, cert), sig) ? Optional.of(node) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] signed(String clusterNodeId, String cert) {
        return ("ec-member\n" + clusterNodeId + "\n" + cert).getBytes(StandardCharsets.UTF_8);
    }
}
