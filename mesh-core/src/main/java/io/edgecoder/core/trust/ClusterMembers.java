package io.edgecoder.core.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
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
 * A statement cannot be moved to another member id, because the id is what is signed. A member id
 * lives as long as one cluster membership (a restarted node gets a new one), so the nodes remove a
 * departed member's statement, and each node puts its own back whenever the map lacks it (after a
 * split brain healed, the other half may have removed it) or holds an older one (a renewed
 * certificate): see {@link #reannounce}.
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

    /**
     * Puts this node's statement for {@code clusterNodeId} unless the map already holds exactly
     * that statement (signatures are deterministic); true when it had to put it.
     */
    public static Future<Boolean> reannounce(Vertx vertx, String clusterNodeId, NodeCredentials credentials) {
        String statement = statement(clusterNodeId, credentials);
        return vertx.sharedData().<String, String>getAsyncMap(MAP)
            .compose(map -> map.get(clusterNodeId).compose(held -> putUnlessHeld(map, clusterNodeId, statement, held)));
    }

    private static Future<Boolean> putUnlessHeld(AsyncMap<String, String> map, String clusterNodeId, String statement, String held) {
        return statement.equals(held) ? Future.succeededFuture(false) : map.put(clusterNodeId, statement).map(true);
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
