package io.edgecoder.portal.bridge;

import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.policy.NetworkMode;
import io.edgecoder.core.policy.NodePolicy;
import io.edgecoder.core.trust.NodeCertificate;
import java.util.Base64;
import java.util.Optional;

/**
 * The control plane's policy at the bridge: an edge node that is blacklisted (by node id, key or
 * organisation) is not admitted and its connection is closed; while the bridge's organisation is
 * in {@code local-only} mode, edge nodes of other owners (organisations) are not admitted either.
 */
final class EdgePolicy {
    private EdgePolicy() {
    }

    /** Why {@code cert}'s node may not be connected to the bridge on {@code vertx} now, if it may not. */
    static Optional<String> refusal(io.vertx.core.Vertx vertx, NodeCertificate cert) {
        String bridgeOrg = io.edgecoder.core.trust.BusAuth.of(vertx).map(a -> a.self().org()).orElse(cert.org());
        return refusal(NodePolicy.of(vertx), cert, bridgeOrg);
    }

    /** Why {@code cert}'s node may not be connected to a bridge of organisation {@code bridgeOrg} now, if it may not. */
    static Optional<String> refusal(NodePolicy policy, NodeCertificate cert, String bridgeOrg) {
        String key = Base64.getEncoder().encodeToString(cert.x509().getPublicKey().getEncoded());
        Optional<BlacklistView> barred = policy.barred(cert.nodeId(), key, null, cert.org());
        if (barred.isPresent()) {
            return Optional.of(NodePolicy.describe(barred.get()));
        }
        if (policy.mode(bridgeOrg) == NetworkMode.LOCAL_ONLY && !bridgeOrg.equals(cert.org())) {
            return Optional.of("rule mode.local-only: organisation " + bridgeOrg + " is in local-only mode and accepts no edge"
                + " connections from other owners (node of " + cert.org() + ")");
        }
        return Optional.empty();
    }
}
